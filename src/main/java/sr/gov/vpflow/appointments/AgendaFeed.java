package sr.gov.vpflow.appointments;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import sr.gov.vpflow.guests.GuestView;

/**
 * The agenda as an iCalendar feed (METHOD:PUBLISH) for the Vice President's calendar program.
 * Each appointment keeps its UID, and its SEQUENCE follows the record's version, so calendar
 * programs update events in place; cancelled ones stay in the feed as STATUS:CANCELLED so that
 * they disappear from the calendar.
 */
final class AgendaFeed {

    static final String PRODUCT = "-//Office of the Vice President of Suriname//VP-Flow//NL";

    private AgendaFeed() {}

    static String of(List<AppointmentView> appointments, Map<UUID, GuestView> guests, Instant now) {
        return of(appointments, List.of(), guests, now);
    }

    /**
     * The feed: each appointment on its own, and each series as one event with its rule (RRULE),
     * the rule's starts without an appointment or with a cancelled one (EXDATE), and the
     * occurrences that differ from the series as events of their own (RECURRENCE-ID), in
     * Paramaribo's time.
     */
    static String of(
            List<AppointmentView> appointments,
            List<SeriesService.SeriesFeedItem> series,
            Map<UUID, GuestView> guests,
            Instant now) {
        ICalendarWriter ics = new ICalendarWriter()
                .begin("VCALENDAR")
                .property("VERSION", "2.0")
                .property("PRODID", PRODUCT)
                .property("CALSCALE", "GREGORIAN")
                .property("METHOD", "PUBLISH")
                .text("X-WR-CALNAME", "VP-Flow")
                .property("X-WR-TIMEZONE", "America/Paramaribo")
                .property("REFRESH-INTERVAL;VALUE=DURATION", "PT15M")
                .property("X-PUBLISHED-TTL", "PT15M");
        if (!series.isEmpty()) {
            ics.officeTimeZone();
        }
        for (AppointmentView a : appointments) {
            if (a.inSeries()) {
                continue;
            }
            ics.begin("VEVENT").property("UID", uid(a.id()));
            event(ics, a, guests.get(a.guestId()), now);
            ics.end("VEVENT");
        }
        for (SeriesService.SeriesFeedItem item : series) {
            SeriesRepository.Row s = item.series();
            GuestView guest = guests.get(s.guestId());
            String uid = seriesUid(s.id());
            ics.begin("VEVENT")
                    .property("UID", uid)
                    .utc("DTSTAMP", now)
                    .utc("CREATED", s.createdAt().toInstant())
                    .utc("LAST-MODIFIED", s.updatedAt().toInstant())
                    .property("SEQUENCE", Integer.toString(s.version()))
                    .office("DTSTART", List.of(s.startsAt()))
                    .office("DTEND", List.of(s.endsAt()))
                    .property("RRULE", s.rule());
            if (!item.excluded().isEmpty()) {
                ics.office("EXDATE", item.excluded());
            }
            ics.text("SUMMARY", summary(s.subject(), guest))
                    .text("LOCATION", s.location())
                    .text("DESCRIPTION", description(s.purpose(), guest))
                    .property("STATUS", item.gone() ? "CANCELLED" : "CONFIRMED")
                    .end("VEVENT");
            // occurrences that lie outside the rule now (it ended before them): events of their own
            for (AppointmentView a : item.outside()) {
                ics.begin("VEVENT").property("UID", uid(a.id()));
                event(ics, a, guests.get(a.guestId()), now);
                ics.end("VEVENT");
            }
            Duration length = Duration.between(s.startsAt(), s.endsAt());
            for (AppointmentView a : item.occurrences()) {
                if (a.state() == AppointmentStatus.CANCELLED || !differs(a, s, length)) {
                    continue;
                }
                ics.begin("VEVENT").property("UID", uid).office("RECURRENCE-ID", List.of(a.occurrenceAt()));
                event(ics, a, guests.get(a.guestId()), now);
                ics.end("VEVENT");
            }
        }
        return ics.end("VCALENDAR").toString();
    }

    /** Whether an occurrence is not what its series' rule and details make of it. */
    private static boolean differs(AppointmentView a, SeriesRepository.Row s, Duration length) {
        return !a.startsAt().toInstant().equals(a.occurrenceAt().toInstant())
                || !Duration.between(a.startsAt(), a.endsAt()).equals(length)
                || a.state() == AppointmentStatus.REQUESTED
                || !a.guestId().equals(s.guestId())
                || !a.subject().equals(s.subject())
                || !java.util.Objects.equals(a.purpose(), s.purpose())
                || !java.util.Objects.equals(a.location(), s.location());
    }

    private static void event(ICalendarWriter ics, AppointmentView a, GuestView guest, Instant now) {
        ics.utc("DTSTAMP", now)
                .utc("CREATED", a.createdAt().toInstant())
                .utc("LAST-MODIFIED", a.updatedAt().toInstant())
                .property("SEQUENCE", Integer.toString(a.version()))
                .utc("DTSTART", a.startsAt().toInstant())
                .utc("DTEND", a.endsAt().toInstant())
                .text("SUMMARY", summary(a.subject(), guest))
                .text("LOCATION", a.location())
                .text("DESCRIPTION", description(a.purpose(), guest))
                .property("STATUS", status(a.state()));
    }

    private static String summary(String subject, GuestView guest) {
        return guest == null ? subject : subject + " (" + guest.displayName() + ")";
    }

    static String seriesUid(UUID id) {
        return "series-" + id + "@vpflow";
    }

    static String uid(UUID id) {
        return id + "@vpflow";
    }

    private static String description(String purpose, GuestView guest) {
        StringBuilder text = new StringBuilder();
        if (guest != null) {
            text.append(guest.displayName());
            if (guest.position() != null || guest.organisation() != null) {
                text.append(" — ")
                        .append(String.join(
                                ", ",
                                java.util.stream.Stream.of(guest.position(), guest.organisation())
                                        .filter(java.util.Objects::nonNull)
                                        .toList()));
            }
        }
        if (purpose != null) {
            text.append(text.isEmpty() ? "" : "\n\n").append(purpose);
        }
        return text.toString();
    }

    private static String status(AppointmentStatus status) {
        return switch (status) {
            case REQUESTED -> "TENTATIVE";
            case CANCELLED -> "CANCELLED";
            case SCHEDULED, ARRIVED, COMPLETED, NO_SHOW -> "CONFIRMED";
        };
    }
}
