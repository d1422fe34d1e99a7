package sr.gov.vpflow.appointments;

import java.time.OffsetDateTime;

/**
 * Moves an appointment to another time; the reason is kept in the audit log. {@code notifyGuest}:
 * mail the guest the new time with an updated calendar invitation.
 */
public record RescheduleAppointment(
        OffsetDateTime startsAt, OffsetDateTime endsAt, String reason, Integer version, Boolean notifyGuest) {

    public RescheduleAppointment(OffsetDateTime startsAt, OffsetDateTime endsAt, String reason, Integer version) {
        this(startsAt, endsAt, reason, version, null);
    }
}
