package sr.gov.vpflow.governance;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.platform.db.SchemaMigrator;

/**
 * The plan's migrations through Flyway, a step at a time: what is applied, the schema version,
 * and applying a step's versions, each migration in its own short transaction, retrying while the
 * office's work holds a lock that one of them needs.
 */
final class FlywaySteps {

    /**
     * A schema change waits at most this long for its lock, then lets the office's work pass and
     * tries again: waiting longer would queue every request on the table behind it.
     */
    static final String LOCK_TIMEOUT = "500ms";

    static final int LOCK_ATTEMPTS = 20;
    static final long LOCK_RETRY_PAUSE_MS = 1000;

    private final OwnerDatabase database;

    FlywaySteps(OwnerDatabase database) {
        this.database = database;
    }

    Set<String> applied() {
        Set<String> applied = new LinkedHashSet<>();
        for (MigrationInfo info :
                SchemaMigrator.flyway(database.dataSource()).info().applied()) {
            if (info.getVersion() != null
                    && info.getState().isApplied()
                    && !info.getState().isFailed()) {
                applied.add(info.getVersion().getVersion());
            }
        }
        return applied;
    }

    String schemaVersion() {
        MigrationInfo current =
                SchemaMigrator.flyway(database.dataSource()).info().current();
        return current == null || current.getVersion() == null
                ? "none"
                : current.getVersion().getVersion();
    }

    /** Every migration this build knows, applied or not, by version. */
    Map<String, MigrationInfo> resolved() {
        Map<String, MigrationInfo> map = new LinkedHashMap<>();
        Arrays.stream(SchemaMigrator.flyway(database.dataSource()).info().all())
                .filter(i -> i.getVersion() != null)
                .forEach(i -> map.put(i.getVersion().getVersion(), i));
        return map;
    }

    /** Applies the versions up to the last of them; the lines say what ran and how long it took. */
    List<String> migrate(List<String> versions, Progress progress) {
        DataSource ds = database.dataSource("migrate", "-c lock_timeout=" + LOCK_TIMEOUT);
        List<String> items = new ArrayList<>();
        int waits = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                MigrateResult result = SchemaMigrator.configure(ds)
                        .target(versions.get(versions.size() - 1))
                        .load()
                        .migrate();
                for (MigrateOutput m : result.migrations) {
                    String line = m.version + " " + m.filepath.substring(m.filepath.lastIndexOf('/') + 1) + ": "
                            + m.executionTime + " ms";
                    items.add(line);
                    progress.report("  " + line);
                }
                if (waits > 0) {
                    items.add("waited " + waits + " times for the office's work to release a lock");
                }
                return items;
            } catch (RuntimeException e) {
                if (!lockTimeout(e) || attempt >= LOCK_ATTEMPTS) {
                    throw new IllegalStateException("migration failed: " + MigrationRunner.rootMessage(e), e);
                }
                waits++;
                progress.report("  the office's work holds a lock a migration needs; trying again");
                sleep();
            }
        }
    }

    private static boolean lockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("lock timeout")) {
                return true;
            }
        }
        return false;
    }

    private static void sleep() {
        try {
            Thread.sleep(LOCK_RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lock", e);
        }
    }
}
