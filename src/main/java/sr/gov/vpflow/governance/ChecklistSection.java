package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import sr.gov.vpflow.governance.ValidationReport.Item;
import sr.gov.vpflow.governance.ValidationReport.Status;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/** What every section of the checklist uses: the owner's connection for the validation and an item's form. */
abstract class ChecklistSection {

    final OwnerDatabase database;
    final ApplicationLogin login;
    final Operators operators;
    final RestorePoints restorePoints;

    ChecklistSection(OwnerDatabase database, ApplicationLogin login, Operators operators, RestorePoints restorePoints) {
        this.database = database;
        this.login = login;
        this.operators = operators;
        this.restorePoints = restorePoints;
    }

    DataSource owner() {
        return database.dataSource("validation", "-c statement_timeout=30min");
    }

    /** The schema as it is now, read in a transaction of its own. */
    List<String> schemaNow() {
        try (Connection c = owner().getConnection()) {
            c.setAutoCommit(false);
            List<String> now = SchemaFingerprint.lines(c);
            c.rollback();
            return now;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static long longValue(Connection c, String sql) throws SQLException {
        return Long.parseLong(RestorePointWriter.single(c, sql));
    }

    static Item item(String checklist, String check, Status status, String detail, List<String> findings) {
        return new Item(checklist, check, status, detail, 0, List.copyOf(findings));
    }

    static Item timed(Supplier<Item> check) {
        long started = System.nanoTime();
        Item i = check.get();
        return new Item(
                i.checklist(),
                i.check(),
                i.status(),
                i.detail(),
                (System.nanoTime() - started) / 1_000_000,
                i.findings());
    }
}
