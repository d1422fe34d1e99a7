package sr.gov.vpflow.appointments;

import java.time.OffsetDateTime;

/** Moves an appointment to another time; the reason is kept in the audit log. */
public record RescheduleAppointment(OffsetDateTime startsAt, OffsetDateTime endsAt, String reason, Integer version) {}
