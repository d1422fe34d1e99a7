package sr.gov.vpflow.appointments;

import java.util.UUID;

/**
 * Published inside the transaction of a booking, a move or a cancellation for which the office
 * asked to notify the guest: a listener queues the guest's message in the same transaction, and
 * may refuse (the change is then refused too).
 */
public record AppointmentNotice(UUID appointmentId, Kind kind) {

    public enum Kind {
        BOOKED,
        RESCHEDULED,
        CANCELLED
    }
}
