package sr.gov.vpflow.appointments;

/**
 * The body of a status action (check-in, complete, no-show, cancel, schedule): the reason, which a
 * cancellation requires, and optionally the version the caller read. {@code notifyGuest} (cancel
 * only): mail the guest the cancellation with its calendar cancellation.
 */
public record StatusAction(String reason, Integer version, Boolean notifyGuest) {

    public StatusAction(String reason, Integer version) {
        this(reason, version, null);
    }

    public static StatusAction none() {
        return new StatusAction(null, null);
    }
}
