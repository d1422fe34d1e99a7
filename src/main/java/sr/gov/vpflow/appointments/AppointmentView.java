package sr.gov.vpflow.appointments;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An appointment as shown in the pages and the API; times in the office's offset. {@code status}
 * is one of requested, scheduled, arrived, completed, cancelled, no_show; {@code statusReason}
 * is the reason given with the last change of status (a cancellation always has one). An
 * occurrence of a series names it ({@code seriesId}) and the start its rule gives it
 * ({@code occurrenceAt}), which stays when the occurrence alone is moved.
 */
public record AppointmentView(
        UUID id,
        UUID guestId,
        String subject,
        @Nullable String purpose,
        @Nullable String location,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,

        @Schema(allowableValues = {"requested", "scheduled", "arrived", "completed", "cancelled", "no_show"})
        String status,

        @Nullable String statusReason,
        @Nullable OffsetDateTime checkedInAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        int version,
        @Nullable UUID seriesId,
        @Nullable OffsetDateTime occurrenceAt) {

    public AppointmentStatus state() {
        return AppointmentStatus.fromCode(status).orElseThrow();
    }

    /** Whether this is an occurrence of a series. */
    public boolean inSeries() {
        return seriesId != null;
    }
}
