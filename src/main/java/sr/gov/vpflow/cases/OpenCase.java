package sr.gov.vpflow.cases;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The request to open a case. Only the title is required; a case opened from an appointment
 * concerns the appointment's guest, so {@code guestId} may then be left out.
 */
public record OpenCase(
        String title, String description, CasePriority priority, LocalDate dueDate, UUID guestId, UUID appointmentId) {}
