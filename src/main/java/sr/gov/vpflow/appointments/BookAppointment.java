package sr.gov.vpflow.appointments;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The request to book an appointment. {@code status} is {@code scheduled} (the default: the slot
 * is held) or {@code requested} (a wish; no slot held). {@code notifyGuest}: mail the guest a
 * confirmation with a calendar invitation.
 */
public record BookAppointment(
        UUID guestId,
        String subject,
        String purpose,
        String location,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String status,
        Boolean notifyGuest) {

    public BookAppointment(
            UUID guestId,
            String subject,
            String purpose,
            String location,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String status) {
        this(guestId, subject, purpose, location, startsAt, endsAt, status, null);
    }
}
