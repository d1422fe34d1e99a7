package sr.gov.vpflow.backup;

/** A backup or a fetch that could not be done, with a reason an operator can act on. */
public final class BackupException extends RuntimeException {

    private final boolean busy;

    private BackupException(String message, Throwable cause, boolean busy) {
        super(message, cause);
        this.busy = busy;
    }

    private BackupException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** Another backup or fetch held the lock: nothing was attempted. */
    public boolean lockHeld() {
        return busy;
    }

    static BackupException failed(String message, Throwable cause) {
        return new BackupException(message, cause);
    }

    static BackupException noCopy(String message) {
        return new BackupException(message, null);
    }

    static BackupException busy() {
        return new BackupException(
                "another backup or fetch is running on this database; try again when it is done", null, true);
    }
}
