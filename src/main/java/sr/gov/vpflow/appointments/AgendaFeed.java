package sr.gov.vpflow.appointments;

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
        for (AppointmentView a : appointments) {
            GuestView guest = guests.get(a.guestId());
            ics.begin("VEVENT")
                    .property("UID", uid(a.id()))
                    .utc("DTSTAMP", now)
                    .utc("CREATED", a.createdAt().toInstant())
                    .utc("LAST-MODIFIED", a.updatedAt().toInstant())
                    .property("SEQUENCE", Integer.toString(a.version()))
                    .utc("DTSTART", a.startsAt().toInstant())
                    .utc("DTEND", a.endsAt().toInstant())
                    .text("SUMMARY", guest == null ? a.subject() : a.subject() + " (" + guest.displayName() + ")")
                    .text("LOCATION", a.location())
                    .text("DESCRIPTION", description(a, guest))
                    .property("STATUS", status(a.state()))
                    .end("VEVENT");
        }
        return ics.end("VCALENDAR").toString();
    }

    static String uid(UUID id) {
        return id + "@vpflow";
    }

    private static String description(AppointmentView a, GuestView guest) {
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
        if (a.purpose() != null) {
            text.append(text.isEmpty() ? "" : "\n\n").append(a.purpose());
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
