package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import sr.gov.vpflow.platform.ProblemException;

/**
 * One governed operation at a time on a database (a migration plan or a restore), across every
 * process and machine that uses it: a PostgreSQL session advisory lock, held by a connection of
 * its own for the operation's duration and released when that connection closes.
 */
final class GovernanceLock implements AutoCloseable {

    private static final long KEY = 0x5650_464c_4f57L; // "VPFLOW"

    private final Connection connection;

    private GovernanceLock(Connection connection) {
        this.connection = connection;
    }

    static GovernanceLock acquire(DataSource owner, String what) {
        try {
            Connection c = owner.getConnection();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + KEY + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    c.close();
                    throw ProblemException.conflict(
                            "governance_busy",
                            "Another migration or restore is running on this database; " + what
                                    + " waits for it to finish. Try again later.");
                }
            }
            return new GovernanceLock(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the governance lock: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing the session releases the lock whatever happens here
        }
    }
}
