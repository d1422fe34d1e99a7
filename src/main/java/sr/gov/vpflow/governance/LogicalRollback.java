package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The migration plan's rollback principles (section 8), carried out: new tables are dropped only
 * if they hold no rows, enum values stay, no row is deleted, and the database ends valid under its
 * previous version. The entries of the plan's migrations leave Flyway's history with the objects
 * they made, so that the plan can be run again (its migrations that left something behind on
 * purpose, like the enum value, are written to run again harmlessly).
 */
final class LogicalRollback {

    private final DataSource owner;
    private final MigrationPlan plan;

    LogicalRollback(DataSource owner, MigrationPlan plan) {
        this.owner = owner;
        this.plan = plan;
    }

    /**
     * The rows of a table that count as use of the plan's additions; none when the addition that
     * the condition reads is not there (the migration that makes it was not applied).
     */
    private long used(Connection c, String table) throws SQLException {
        String condition = plan.usedWhen().getOrDefault(table, "true");
        try {
            return Long.parseLong(RestorePointWriter.single(
                    c, "SELECT count(*) FROM vpflow." + RestorePointWriter.quote(table) + " WHERE " + condition));
        } catch (SQLException e) {
            if ("42703".equals(e.getSQLState()) && !plan.newTables().contains(table)) {
                return 0;
            }
            throw e;
        }
    }

    /** What the rollback did and kept; whether the objects could go. */
    record Outcome(List<String> actions, List<String> kept, boolean undone) {}

    Outcome run(Progress progress) throws SQLException, InterruptedException {
        List<String> actions = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<String> applied;
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = owner.getConnection()) {
            applied = RestorePointWriter.list(
                    c,
                    "SELECT version FROM vpflow.flyway_schema_history WHERE version IN ("
                            + String.join(
                                    ", ",
                                    plan.versions().stream()
                                            .map(v -> "'" + v + "'")
                                            .toList())
                            + ") ORDER BY installed_rank");
            for (String table : plan.newTables()) {
                if (Catalog.tableExists(c, table)) {
                    rows.put(table, used(c, table));
                }
            }
            for (String table : plan.usedWhen().keySet()) {
                if (!plan.newTables().contains(table)) {
                    rows.put(table, used(c, table));
                }
            }
        }
        if (applied.isEmpty() && rows.keySet().stream().noneMatch(plan.newTables()::contains)) {
            actions.add("nothing to undo: no migration of the plan had been applied");
            return new Outcome(actions, kept, true);
        }
        List<String> used = new ArrayList<>();
        rows.forEach((table, n) -> {
            if (n > 0) {
                used.add(table + " (" + n + " rows)");
            }
        });
        if (!used.isEmpty()) {
            kept.add("the plan's additions, because they are in use: " + String.join(", ", used)
                    + " (a new table or column is dropped only when unused)");
            kept.add("the plan's migrations " + String.join(", ", applied) + " in the schema history");
            return new Outcome(actions, kept, false);
        }
        progress.report("  logical rollback: dropping the plan's empty new tables");
        for (int attempt = 1; ; attempt++) {
            try (Connection c = owner.getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    for (String sql : plan.rollback()) {
                        st.execute(sql);
                    }
                    int removed = st.executeUpdate("DELETE FROM vpflow.flyway_schema_history WHERE version IN ("
                            + String.join(
                                    ", ",
                                    plan.versions().stream()
                                            .map(v -> "'" + v + "'")
                                            .toList()) + ")");
                    c.commit();
                    plan.rollback().forEach(s -> actions.add(s.replace("vpflow.", "")));
                    if (removed > 0) {
                        actions.add("removed the entries of the migrations " + String.join(", ", applied)
                                + " from Flyway's schema history (bookkeeping, no record), so the plan can run again");
                    }
                    break;
                } catch (SQLException e) {
                    c.rollback();
                    if (!"55P03".equals(e.getSQLState()) || attempt >= FlywaySteps.LOCK_ATTEMPTS) {
                        throw e;
                    }
                }
            }
            Thread.sleep(FlywaySteps.LOCK_RETRY_PAUSE_MS);
        }
        kept.addAll(plan.keptByRollback());
        return new Outcome(actions, kept, true);
    }
}
