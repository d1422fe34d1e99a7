package sr.gov.vpflow.backup;

/** A backup or a fetch that could not be done, with a reason an operator can act on. */
public final class BackupException extends RuntimeException {

    private BackupException(String message, Throwable cause) {
        super(message, cause);
    }

    static BackupException failed(String message, Throwable cause) {
        return new BackupException(message, cause);
    }

    static BackupException noCopy(String message) {
        return new BackupException(message, null);
    }

    static BackupException busy() {
        return new BackupException("another backup or fetch is running; try again when it is done", null);
    }
}
