package sr.gov.vpflow.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import sr.gov.vpflow.appointments.AppointmentService;
import sr.gov.vpflow.appointments.AppointmentView;
import sr.gov.vpflow.appointments.BookAppointment;
import sr.gov.vpflow.appointments.StatusAction;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * Fills the agenda from six weeks back to six weeks ahead, in office hours, through the
 * appointment service. Appointments of one day follow each other, so active ones never overlap.
 * What lies in the past is booked "as of" some days before it took place (the demo clock), then
 * completed, marked as a no-show or cancelled now, as a secretary would catch up on it.
 */
final class DemoAgenda {

    static final int WEEKS = 6;
    private static final LocalTime OPENS = LocalTime.of(8, 0);
    private static final LocalTime CLOSES = LocalTime.of(17, 0);
    private static final List<Integer> LENGTHS = List.of(30, 45, 60, 60, 60, 90);
    private static final List<Integer> GAPS = List.of(0, 15, 15, 30, 30, 60);

    private static final List<String> CANCEL_REASONS = List.of(
            "De Vicepresident is op dienstreis.",
            "De gast is verhinderd wegens ziekte.",
            "Verzet op verzoek van de gast.",
            "Samenvallend met een spoedvergadering van de Raad van Ministers.",
            "Het onderwerp wordt op ministerieel niveau afgehandeld.");
    private static final List<String> WITHDRAWN =
            List.of("Aanvraag ingetrokken door de gast.", "Aanvraag afgewezen: doorverwezen naar het vakministerie.");
    private static final String NO_SHOW = "Niet verschenen; geen bericht ontvangen.";

    /** An appointment of the demo and the guest it is with. */
    record Booked(AppointmentView view, DemoGuests.Guest guest) {}

    private final AppointmentService appointments;
    private final DemoClock clock;
    private final Random random;

    DemoAgenda(AppointmentService appointments, DemoClock clock, Random random) {
        this.appointments = appointments;
        this.clock = clock;
        this.random = random;
    }

    List<Booked> fill(List<DemoGuests.Guest> guests, Instant now) {
        LocalDate today = OfficeTime.today(Clock.fixed(now, OfficeTime.ZONE));
        List<Booked> booked = new ArrayList<>();
        for (LocalDate day = today.minusWeeks(WEEKS); !day.isAfter(today.plusWeeks(WEEKS)); day = day.plusDays(1)) {
            List<Booked> ofDay = new ArrayList<>();
            for (Slot slot : slots(day, today)) {
                DemoGuests.Guest guest = People.pick(random, guests);
                ofDay.add(book(slot, guest, now, day.equals(today)));
            }
            booked.addAll(settle(ofDay, day, today, now));
        }
        return booked;
    }

    private record Slot(OffsetDateTime start, OffsetDateTime end) {}

    /** The day's appointments one after the other: a full weekday, a rare Saturday, today always. */
    private List<Slot> slots(LocalDate day, LocalDate today) {
        int wanted;
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            wanted = day.equals(today) ? 3 : 0;
        } else if (day.getDayOfWeek() == DayOfWeek.SATURDAY) {
            wanted = day.equals(today) ? 3 : random.nextInt(8) == 0 ? 1 : 0;
        } else {
            wanted = 3 + random.nextInt(4);
        }
        List<Slot> slots = new ArrayList<>();
        LocalTime at = OPENS.plusMinutes(15L * random.nextInt(5));
        while (slots.size() < wanted) {
            LocalTime end = at.plusMinutes(People.pick(random, LENGTHS));
            if (end.isAfter(CLOSES) || end.isBefore(at)) {
                break;
            }
            slots.add(new Slot(time(day, at), time(day, end)));
            at = end.plusMinutes(People.pick(random, GAPS));
        }
        return slots;
    }

    private static OffsetDateTime time(LocalDate day, LocalTime at) {
        return day.atTime(at).atZone(OfficeTime.ZONE).toOffsetDateTime();
    }

    /** Books one appointment: requested or scheduled, as of a few days before it if it lies in the past. */
    private Booked book(Slot slot, DemoGuests.Guest guest, Instant now, boolean today) {
        // today's guests are expected: what was only requested has been scheduled before today
        boolean requested = random.nextInt(5) == 0 && !today;
        BookAppointment request = new BookAppointment(
                guest.id(),
                People.pick(random, guest.kind().subjects()),
                random.nextInt(3) == 0 ? purpose(guest) : null,
                People.pick(random, Organisations.LOCATIONS),
                slot.start(),
                slot.end(),
                requested ? "requested" : "scheduled");
        Instant bookedAt = slot.start()
                .toInstant()
                .minus(Duration.ofDays(3 + random.nextInt(18)))
                .minus(Duration.ofHours(2));
        AppointmentView view = bookedAt.isBefore(now)
                ? clock.at(bookedAt, () -> appointments.book(request))
                : appointments.book(request);
        return new Booked(view, guest);
    }

    private static String purpose(DemoGuests.Guest guest) {
        return guest.organisation() == null
                ? "Op eigen verzoek."
                : "Namens " + guest.organisation() + ". Stukken worden vooraf toegestuurd.";
    }

    /**
     * Brings each appointment to where it would stand today: the past is over (completed, no-show
     * or cancelled), today some guests have checked in, the future holds scheduled and requested ones.
     */
    private List<Booked> settle(List<Booked> ofDay, LocalDate day, LocalDate today, Instant now) {
        List<Booked> settled = new ArrayList<>(ofDay.size());
        Set<Integer> arriving = arriving(ofDay, now);
        for (int i = 0; i < ofDay.size(); i++) {
            Booked b = ofDay.get(i);
            AppointmentView a = b.view();
            UUID id = a.id();
            boolean requested = "requested".equals(a.status());
            AppointmentView after;
            if (day.isBefore(today)) {
                after = requested ? cancel(id, People.pick(random, WITHDRAWN)) : finish(id);
            } else if (day.equals(today)) {
                after = a;
                if (arriving.contains(i)) {
                    after = appointments.checkIn(id, StatusAction.none());
                } else if (!a.endsAt().toInstant().isAfter(now)) {
                    appointments.checkIn(id, StatusAction.none());
                    after = appointments.complete(id, StatusAction.none());
                }
            } else {
                int roll = random.nextInt(20);
                if (roll < 2) {
                    after = cancel(id, People.pick(random, CANCEL_REASONS));
                } else if (requested && roll < 6) {
                    after = appointments.schedule(id, StatusAction.none());
                } else {
                    after = a;
                }
            }
            settled.add(new Booked(after, b.guest()));
        }
        return settled;
    }

    /**
     * Today's guests who have checked in and whose appointment is not marked completed yet: the
     * one in the room now (or next) and the one who just left.
     */
    private static Set<Integer> arriving(List<Booked> today, Instant now) {
        int ended = (int) today.stream()
                .filter(b -> !b.view().endsAt().toInstant().isAfter(now))
                .count();
        Set<Integer> arriving = new TreeSet<>();
        for (int i : new int[] {ended - 1, ended, ended - 2, ended + 1}) {
            if (i >= 0 && i < today.size() && arriving.size() < 2) {
                arriving.add(i);
            }
        }
        return arriving;
    }

    private AppointmentView finish(UUID id) {
        int roll = random.nextInt(100);
        if (roll < 12) {
            return cancel(id, People.pick(random, CANCEL_REASONS));
        }
        if (roll < 20) {
            return appointments.noShow(id, new StatusAction(NO_SHOW, null));
        }
        if (roll < 60) {
            appointments.checkIn(id, StatusAction.none());
        }
        return appointments.complete(id, StatusAction.none());
    }

    private AppointmentView cancel(UUID id, String reason) {
        return appointments.cancel(id, new StatusAction(reason, null));
    }
}
