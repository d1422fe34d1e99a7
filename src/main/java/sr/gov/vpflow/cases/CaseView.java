package sr.gov.vpflow.cases;

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
        String description,
        String priority,
        LocalDate dueDate,
        String state,
        String resolution,
        UUID guestId,
        Guest guest,
        UUID appointmentId,
        Appointment appointment,
        OffsetDateTime closedAt,
        UUID closedBy,
        String closedByDisplayName,
        OffsetDateTime createdAt,
        UUID createdBy,
        OffsetDateTime updatedAt,
        UUID updatedBy,
        int version) {

    /** The guest a case concerns: {@code {"id", "full_name", "organisation"}}. */
    public record Guest(UUID id, String fullName, String organisation) {}

    /** The appointment a case came from: {@code {"id", "subject", "starts_at"}}. */
    public record Appointment(UUID id, String subject, OffsetDateTime startsAt) {}

    public CaseState stateValue() {
        return CaseState.fromCode(state).orElseThrow();
    }

    public CasePriority priorityValue() {
        return CasePriority.fromCode(priority).orElseThrow();
    }
}
