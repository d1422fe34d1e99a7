package sr.gov.vpflow.governance;

import sr.gov.vpflow.platform.ProblemException;

/** A restore point that cannot be made, found, read or restored, and why. */
public final class RestorePointException extends ProblemException {

    private RestorePointException(String code, String detail) {
        super(org.springframework.http.HttpStatus.CONFLICT, code, detail);
    }

    static RestorePointException invalidName(String name) {
        return new RestorePointException(
                "invalid_restore_point_name",
                "A restore point name is 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit: '"
                        + name + "'.");
    }

    static RestorePointException exists(String name) {
        return new RestorePointException(
                "restore_point_exists", "A restore point named '" + name + "' exists already.");
    }

    static RestorePointException missing(String name) {
        return new RestorePointException("restore_point_not_found", "There is no restore point named '" + name + "'.");
    }

    static RestorePointException unusable(String name, String why) {
        return new RestorePointException(
                "restore_point_unusable", "The restore point '" + name + "' cannot be restored: " + why);
    }

    static RestorePointException databaseInUse(String sessions) {
        return new RestorePointException(
                "database_in_use",
                "The database is in use (" + sessions + "). Stop the VP-Flow server and every other command"
                        + " that uses the database, then restore.");
    }

    static RestorePointException failed(String what, Exception cause) {
        RestorePointException e = new RestorePointException("restore_point_failed", what + ": " + cause.getMessage());
        e.initCause(cause);
        return e;
    }
}
