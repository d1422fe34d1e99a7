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
import sr.gov.vpflow.appointments.AppointmentService;
import sr.gov.vpflow.appointments.AppointmentView;
import sr.gov.vpflow.appointments.BookAppointment;
import sr.gov.vpflow.appointments.StatusAction;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * Fills the agenda from six weeks back to six weeks ahead, in office hours on working days, through the
 * appointment service. Appointments of one day follow each other, so active ones never overlap.
 * Each is booked some days before it takes place and then, at the moments it would have happened,
 * the guest arrives, the appointment is completed, marked as a no-show or cancelled (the timeline).
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

    /**
     * An appointment of the demo: the guest, what is planned for it and where it ends up, and
     * the appointment itself once booked.
     */
    static final class Booked {
        private final DemoGuests.Guest guest;
        private final OffsetDateTime start;
        private final OffsetDateTime end;
        private final String subject;
        private String outcome;
        private Instant bookedAt;
        private Instant settledAt;
        private AppointmentView view;

        private Booked(DemoGuests.Guest guest, OffsetDateTime start, OffsetDateTime end, String subject) {
            this.guest = guest;
            this.start = start;
            this.end = end;
            this.subject = subject;
        }

        DemoGuests.Guest guest() {
            return guest;
        }

        OffsetDateTime start() {
            return start;
        }

        OffsetDateTime end() {
            return end;
        }

        String subject() {
            return subject;
        }

        /** The status the appointment ends up in. */
        String outcome() {
            return outcome;
        }

        /** When it was booked. */
        Instant bookedAt() {
            return bookedAt;
        }

        /** The moment of its last step. */
        Instant settledAt() {
            return settledAt;
        }

        /** The appointment as the service returned it last (once the timeline has run). */
        AppointmentView view() {
            if (view == null) {
                throw new IllegalStateException("the demo appointment at " + start + " is not booked yet");
            }
            return view;
        }
    }

    private final AppointmentService appointments;
    private final Random random;

    DemoAgenda(AppointmentService appointments, Random random) {
        this.appointments = appointments;
        this.random = random;
    }

    /** The agenda's weeks; on a public holiday the Vice President receives no guests. */
    List<Booked> fill(List<DemoGuests.Guest> guests, Set<LocalDate> holidays, Timeline timeline) {
        Instant now = timeline.now();
        LocalDate today = OfficeTime.today(Clock.fixed(now, OfficeTime.ZONE));
        List<Booked> booked = new ArrayList<>();
        for (LocalDate day = today.minusWeeks(WEEKS); !day.isAfter(today.plusWeeks(WEEKS)); day = day.plusDays(1)) {
            List<Booked> ofDay = new ArrayList<>();
            for (Slot slot : slots(day, today, holidays.contains(day))) {
                DemoGuests.Guest guest = People.pick(random, guests);
                ofDay.add(book(slot, guest, timeline, day.equals(today)));
            }
            settle(ofDay, day, today, timeline);
            booked.addAll(ofDay);
        }
        return booked;
    }

    private record Slot(OffsetDateTime start, OffsetDateTime end) {}

    /** The day's appointments one after the other: a full weekday, a rare Saturday, today always. */
    private List<Slot> slots(LocalDate day, LocalDate today, boolean holiday) {
        int wanted;
        if (holiday && !day.equals(today)) {
            wanted = 0;
        } else if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
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

    /** Books one appointment, requested or scheduled, a few days before it takes place. */
    private Booked book(Slot slot, DemoGuests.Guest guest, Timeline timeline, boolean today) {
        // today's guests are expected: what was only requested has been scheduled before today
        boolean requested = random.nextInt(5) == 0 && !today;
        String subject = People.pick(random, guest.kind().subjects());
        String purpose = random.nextInt(3) == 0 ? purpose(guest) : null;
        String location = People.pick(random, Organisations.LOCATIONS);
        Booked b = new Booked(guest, slot.start(), slot.end(), subject);
        b.outcome = requested ? "requested" : "scheduled";
        Instant start = slot.start().toInstant();
        Instant bookedAt = timeline.between(start.minus(Duration.ofDays(21)), start.minus(Duration.ofDays(3)));
        b.bookedAt = timeline.at(bookedAt, Timeline.Who.SECRETARY, () -> {
            b.view = appointments.book(new BookAppointment(
                    guest.id(),
                    subject,
                    purpose,
                    location,
                    slot.start(),
                    slot.end(),
                    requested ? "requested" : "scheduled"));
        });
        b.settledAt = b.bookedAt;
        return b;
    }

    private static String purpose(DemoGuests.Guest guest) {
        return guest.organisation() == null
                ? "Op eigen verzoek."
                : "Namens " + guest.organisation() + ". Stukken worden vooraf toegestuurd.";
    }

    /**
     * Brings each appointment to where it stands today, each step at its moment: the past is over
     * (completed, no-show or cancelled), today some guests have checked in, the future holds
     * scheduled and requested ones.
     */
    private void settle(List<Booked> ofDay, LocalDate day, LocalDate today, Timeline timeline) {
        Instant now = timeline.now();
        Set<Integer> arriving = arriving(ofDay, now);
        for (int i = 0; i < ofDay.size(); i++) {
            Booked b = ofDay.get(i);
            boolean requested = "requested".equals(b.outcome);
            Instant start = b.start.toInstant();
            Instant end = b.end.toInstant();
            if (day.isBefore(today)) {
                if (requested) {
                    cancel(b, timeline.between(b.bookedAt, start.minus(Duration.ofHours(1))), WITHDRAWN, timeline);
                } else {
                    finish(b, timeline);
                }
            } else if (day.equals(today)) {
                if (arriving.contains(i)) {
                    step(
                            b,
                            "arrived",
                            start.minus(Duration.ofMinutes(10)),
                            timeline,
                            () -> appointments.checkIn(b.view().id(), StatusAction.none()));
                } else if (!end.isAfter(now)) {
                    step(
                            b,
                            "arrived",
                            start.minus(Duration.ofMinutes(10)),
                            timeline,
                            () -> appointments.checkIn(b.view().id(), StatusAction.none()));
                    step(
                            b,
                            "completed",
                            end.plus(Duration.ofMinutes(5)),
                            timeline,
                            () -> appointments.complete(b.view().id(), StatusAction.none()));
                }
            } else {
                int roll = random.nextInt(20);
                if (roll < 2) {
                    cancel(b, timeline.between(b.bookedAt, now), CANCEL_REASONS, timeline);
                } else if (requested && roll < 6) {
                    step(
                            b,
                            "scheduled",
                            timeline.between(b.bookedAt, now),
                            timeline,
                            () -> appointments.schedule(b.view().id(), StatusAction.none()));
                }
            }
        }
    }

    /** A step of one appointment, after its earlier ones; it becomes {@code outcome}. */
    private void step(
            Booked b,
            String outcome,
            Instant moment,
            Timeline timeline,
            java.util.function.Supplier<AppointmentView> work) {
        Instant at = moment.isBefore(b.settledAt) ? b.settledAt : moment;
        b.outcome = outcome;
        b.settledAt = timeline.at(at, Timeline.Who.SECRETARY, () -> b.view = work.get());
    }

    /**
     * Today's guests who have checked in and whose appointment is not marked completed yet: the
     * one in the room now (or next) and the one who just left.
     */
    private static Set<Integer> arriving(List<Booked> today, Instant now) {
        int ended = (int)
                today.stream().filter(b -> !b.end.toInstant().isAfter(now)).count();
        Set<Integer> arriving = new TreeSet<>();
        for (int i : new int[] {ended - 1, ended, ended - 2, ended + 1}) {
            if (i >= 0 && i < today.size() && arriving.size() < 2) {
                arriving.add(i);
            }
        }
        return arriving;
    }

    /** What became of an appointment of a past day, at the moments it happened. */
    private void finish(Booked b, Timeline timeline) {
        Instant start = b.start.toInstant();
        Instant end = b.end.toInstant();
        int roll = random.nextInt(100);
        if (roll < 12) {
            cancel(b, timeline.between(b.bookedAt, start.minus(Duration.ofHours(2))), CANCEL_REASONS, timeline);
            return;
        }
        if (roll < 20) {
            step(
                    b,
                    "no_show",
                    start.plus(Duration.ofMinutes(30)),
                    timeline,
                    () -> appointments.noShow(b.view().id(), new StatusAction(NO_SHOW, null)));
            return;
        }
        if (roll < 60) {
            step(
                    b,
                    "arrived",
                    timeline.between(start.minus(Duration.ofMinutes(20)), start),
                    timeline,
                    () -> appointments.checkIn(b.view().id(), StatusAction.none()));
        }
        step(
                b,
                "completed",
                timeline.after(end, Duration.ofMinutes(2), Duration.ofMinutes(40)),
                timeline,
                () -> appointments.complete(b.view().id(), StatusAction.none()));
    }

    private void cancel(Booked b, Instant moment, List<String> reasons, Timeline timeline) {
        String reason = People.pick(random, reasons);
        step(
                b,
                "cancelled",
                moment,
                timeline,
                () -> appointments.cancel(b.view().id(), new StatusAction(reason, null)));
    }
}
