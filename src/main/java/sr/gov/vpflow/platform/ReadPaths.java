package sr.gov.vpflow.platform;

import java.util.List;
import java.util.Set;

/**
 * The read queries a module's pages and API rely on, in the form the module runs them, each with
 * the role that runs it. Each module that reads records publishes its own as a bean; a governed
 * migration runs every one before and after the plan's migrations, as that role through the
 * application's login, and compares the results row by row: a read path that worked must keep
 * working. A module that adds a read path adds it to its own list.
 */
public interface ReadPaths {

    List<ReadPath> readPaths();

    /**
     * One query. Audit queries read up to the audit log's head at the baseline ({@code {head}}),
     * the way the audit page reads from a cursor, so that the office's work during the migration
     * does not change them.
     *
     * @param dependsOn the kinds of record whose change (an audited event during the migration)
     *     may rightly change the result
     */
    record ReadPath(String name, String role, Set<String> dependsOn, String sql) {

        public String sql(long head) {
            return sql.replace("{head}", Long.toString(head));
        }
    }
}
