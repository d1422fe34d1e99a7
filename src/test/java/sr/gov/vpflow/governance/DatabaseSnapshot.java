package sr.gov.vpflow.governance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every row of every table of the schema, as text, read by the owner: to compare two states of a database exactly. */
record DatabaseSnapshot(Map<String, List<String>> tables) {

    static DatabaseSnapshot of(JdbcClient owner) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : owner.sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'vpflow' AND c.relkind = 'r'
                          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
                        ORDER BY 1""").query(String.class).list()) {
            tables.put(
                    table,
                    owner.sql("SELECT t::text FROM vpflow." + table + " t ORDER BY 1")
                            .query(String.class)
                            .list());
        }
        return new DatabaseSnapshot(tables);
    }

    List<String> rows(String table) {
        return tables.getOrDefault(table, List.of());
    }
}
