package sr.gov.vpflow.cases;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A case as shown in the pages and the API, with the guest and appointment it concerns as they
 * are now. {@code state} and {@code priority} are the codes of {@link CaseState} and {@link CasePriority}.
 */
public record CaseView(
        UUID id,
        String reference,
        String title,
        @Nullable String description,

        @Schema(allowableValues = {"low", "normal", "high", "urgent"})
        String priority,

        @Nullable LocalDate dueDate,

        @Schema(allowableValues = {"open", "in_progress", "closed", "reopened"})
        String state,

        @Nullable String resolution,
        @Nullable UUID guestId,
        @Nullable Guest guest,
        @Nullable UUID appointmentId,
        @Nullable Appointment appointment,
        @Nullable OffsetDateTime closedAt,
        @Nullable UUID closedBy,
        @Nullable String closedByDisplayName,
        OffsetDateTime createdAt,
        @Nullable UUID createdBy,
        OffsetDateTime updatedAt,
        @Nullable UUID updatedBy,
        int version,

        @Schema(description = "Put forward for the Vice President's decision (v1.2; false before)")
        boolean forDecision) {

    /** The guest a case concerns: {@code {"id", "full_name", "organisation"}}. */
    public record Guest(UUID id, String fullName, @Nullable String organisation) {}

    /** The appointment a case came from: {@code {"id", "subject", "starts_at"}}. */
    public record Appointment(UUID id, String subject, OffsetDateTime startsAt) {}

    public CaseState stateValue() {
        return CaseState.fromCode(state).orElseThrow();
    }

    public CasePriority priorityValue() {
        return CasePriority.fromCode(priority).orElseThrow();
    }
}
