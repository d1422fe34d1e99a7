package sr.gov.vpflow.appointments;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An occurrence of a series' rule that has no appointment: on a holiday the series skips, taken by
 * another appointment when the free ones were booked, or (read later) not booked for either.
 */
public record Skipped(
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,

        @Schema(allowableValues = {"holiday", "overlap", "not_booked"})
        String reason,

        @Nullable UUID conflictingAppointmentId) {}
