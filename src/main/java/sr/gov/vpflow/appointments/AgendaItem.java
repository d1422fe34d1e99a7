package sr.gov.vpflow.appointments;

import java.time.format.DateTimeFormatter;
import java.util.UUID;
import sr.gov.vpflow.guests.GuestView;

/**
 * One appointment in the agenda, with everything its line shows made beforehand: a busy week has
 * a few hundred lines, and each expression a template evaluates per line costs more than the
 * Java that makes the value once.
 *
 * @param time "10:00–11:00", in Paramaribo time
 * @param guest the guest's name, or null when the guest is not visible
 * @param location only in the day view; null otherwise or when there is none
 * @param statusLabel the status in the page's language
 */
record AgendaItem(
        UUID id, String status, String time, String subject, String guest, String location, String statusLabel) {

    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    static AgendaItem of(AppointmentView a, GuestView guest, boolean withLocation, String statusLabel) {
        return new AgendaItem(
                a.id(),
                a.status(),
                HOURS.format(a.startsAt()) + "–" + HOURS.format(a.endsAt()),
                a.subject(),
                guest == null ? null : guest.displayName(),
                withLocation ? a.location() : null,
                statusLabel);
    }

    public String itemClass() {
        return "agenda-item status-" + status;
    }

    public String badgeClass() {
        return "badge badge-" + status;
    }
}
