package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Small questions about the VP-Flow schema that several checks ask. */
final class Catalog {

    private Catalog() {}

    /** The schema's tables, without those of extensions, by name. */
    static List<String> tables(Connection c) throws SQLException {
        return RestorePointWriter.list(c, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'vpflow' AND c.relkind IN ('r', 'p')
                  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid
                                  AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
                ORDER BY 1""");
    }

    static boolean tableExists(Connection c, String table) throws SQLException {
        return tables(c).contains(table);
    }
}
