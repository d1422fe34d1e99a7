package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import sr.gov.vpflow.governance.ValidationReport.Item;
import sr.gov.vpflow.governance.ValidationReport.Status;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * Section 2 of the checklist: row-level security is forced on every table and the approved RLS
 * matrix holds, cell by cell.
 */
final class RowSecurityCheck extends ChecklistSection {

    RowSecurityCheck(OwnerDatabase database, ApplicationLogin login, Operators operators, RestorePoints restorePoints) {
        super(database, login, operators, restorePoints);
    }

    Item rowSecurityForced() {
        try (Connection c = owner().getConnection()) {
            List<String> weak = RestorePointWriter.list(c, """
                    SELECT c.relname || CASE WHEN NOT c.relrowsecurity THEN ': row-level security disabled'
                                             ELSE ': row-level security not forced' END
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'vpflow' AND c.relkind IN ('r', 'p')
                      AND NOT (c.relrowsecurity AND c.relforcerowsecurity) ORDER BY 1""");
            int tables = Catalog.tables(c).size();
            return item(
                    ValidationReport.RLS,
                    "row-level security enabled and forced on every table",
                    weak.isEmpty() ? Status.PASSED : Status.FAILED,
                    (tables - weak.size()) + " of " + tables + " tables",
                    weak);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    Item matrix() {
        RlsMatrix matrix = RlsMatrix.load();
        try {
            RlsMatrixCheck.Result result = new RlsMatrixCheck(login, operators, owner()).run(matrix);
            List<String> findings = new ArrayList<>();
            result.tablesNotInMatrix().forEach(t -> findings.add(t + ": not in the RLS matrix"));
            result.wrong()
                    .forEach(cell -> findings.add(cell.table() + " " + cell.operation() + " as " + cell.role()
                            + ": expected '" + cell.expected() + "', found '" + cell.observed() + "'"));
            return item(
                    ValidationReport.RLS,
                    "the approved RLS matrix holds, cell by cell",
                    result.ok() ? Status.PASSED : Status.FAILED,
                    (result.cells().size() - result.wrong().size()) + " of "
                            + result.cells().size()
                            + " cells as documented (matrix sha256 "
                            + matrix.sha256().substring(0, 12) + ")"
                            + (result.matrixTablesNotInstalled().isEmpty()
                                    ? ""
                                    : "; not installed yet: " + String.join(", ", result.matrixTablesNotInstalled())),
                    findings);
        } catch (SQLException e) {
            throw new IllegalStateException("the RLS matrix check failed: " + e.getMessage(), e);
        }
    }
}
