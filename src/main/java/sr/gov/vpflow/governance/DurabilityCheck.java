package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import sr.gov.vpflow.governance.ValidationReport.Item;
import sr.gov.vpflow.governance.ValidationReport.Status;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Durability;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * What the checklist adds on demand: every commit reaches the disk (fsync, full_page_writes,
 * synchronous_commit), for the owner's sessions and the application's.
 */
final class DurabilityCheck extends ChecklistSection {

    DurabilityCheck(OwnerDatabase database, ApplicationLogin login, Operators operators, RestorePoints restorePoints) {
        super(database, login, operators, restorePoints);
    }

    /** fsync, full_page_writes and synchronous_commit, for the owner's sessions and the application's. */
    Item durability() {
        java.util.Map<String, String> unsafe = new java.util.TreeMap<>();
        try (Connection o = owner().getConnection();
                Connection app = login.connect("validation")) {
            Durability.unsafe(o).forEach(s -> unsafe.put(s.name(), s.toString()));
            Durability.unsafe(app).forEach(s -> unsafe.putIfAbsent(s.name(), s.toString() + " for the application"));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return item(
                ValidationReport.DURABILITY,
                "fsync, full_page_writes and synchronous_commit are on",
                unsafe.isEmpty() ? Status.PASSED : Status.FAILED,
                unsafe.isEmpty()
                        ? "a committed record is on disk before the commit returns"
                        : "a power cut can lose committed records or corrupt the database",
                List.copyOf(unsafe.values()));
    }
}
