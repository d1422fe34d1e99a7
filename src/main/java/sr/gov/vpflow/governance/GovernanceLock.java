package sr.gov.vpflow.governance;

import java.sql.SQLException;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.platform.db.SessionLocks;

/**
 * One governed operation at a time on a database (a migration plan or a restore), across every
 * process and machine that uses it: the session lock "governance", held for the operation's
 * duration.
 */
final class GovernanceLock {

    private static final long KEY = 0x5650_464c_4f57L; // "VPFLOW"

    private GovernanceLock() {}

    static SessionLocks.Held acquire(OwnerDatabase database, String what) {
        try {
            return SessionLocks.tryTake(database, "governance", KEY)
                    .orElseThrow(() -> ProblemException.conflict(
                            "governance_busy",
                            "Another migration or restore is running on this database; " + what
                                    + " waits for it to finish. Try again later."));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the governance lock: " + e.getMessage(), e);
        }
    }
}
