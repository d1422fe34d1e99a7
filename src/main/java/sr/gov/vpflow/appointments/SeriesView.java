package sr.gov.vpflow.appointments;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A recurring appointment: its rule, what its occurrences share (as the first one has it), the
 * time up to which occurrences are made ({@code bookedUntil}, extended as time passes), its
 * occurrences and the rule's occurrences that have none.
 */
public record SeriesView(
        UUID id,
        UUID guestId,
        String subject,
        @Nullable String purpose,
        @Nullable String location,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,
        String rule,
        boolean skipHolidays,
        OffsetDateTime bookedUntil,
        @Nullable OffsetDateTime cancelledAt,
        @Nullable String cancelReason,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        int version,
        List<AppointmentView> occurrences,
        List<Skipped> skipped) {}
