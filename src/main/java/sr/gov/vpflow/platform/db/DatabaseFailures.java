package sr.gov.vpflow.platform.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be reached at all (stopped, crashed, restarting,
 * out of connections) rather than that it refused a statement: the request is then answered 503
 * with a time to try again, never blamed on the client.
 */
public final class DatabaseFailures {

    /** Seconds a client should wait before trying again: the embedded database restarts in about that. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseFailures() {}

    public static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a rollback that failed on the dead connection hides the failure that started it
            if (t instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && unavailable(rollback.getApplicationException())) {
                return true;
            }
            if (t instanceof DatabaseUnavailableException
                    || t instanceof CannotGetJdbcConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // connection exceptions, and the server shutting down or crashed (57P01-57P03)
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }
}
