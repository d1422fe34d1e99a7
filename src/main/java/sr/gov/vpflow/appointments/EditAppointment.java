package sr.gov.vpflow.appointments;

import java.util.UUID;

/**
 * Changes to an appointment's details, made against the {@code version} the editor read. A field
 * left null stays as it is; an empty text clears an optional field. Times change only by
 * rescheduling, the status only by its actions.
 */
public record EditAppointment(UUID guestId, String subject, String purpose, String location, Integer version) {}
