package sr.gov.vpflow.appointments;

/**
 * The body of a status action (check-in, complete, no-show, cancel, schedule): the reason, which a
 * cancellation requires, and optionally the version the caller read.
 */
public record StatusAction(String reason, Integer version) {

    public static StatusAction none() {
        return new StatusAction(null, null);
    }
}
