package sr.gov.vpflow.appointments;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An appointment as shown in the pages and the API; times in the office's offset. {@code status}
 * is one of requested, scheduled, arrived, completed, cancelled, no_show; {@code statusReason}
 * is the reason given with the last change of status (a cancellation always has one).
 */
public record AppointmentView(
        UUID id,
        UUID guestId,
        String subject,
        String purpose,
        String location,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String status,
        String statusReason,
        OffsetDateTime checkedInAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        int version) {

    public AppointmentStatus state() {
        return AppointmentStatus.fromCode(status).orElseThrow();
    }
}
