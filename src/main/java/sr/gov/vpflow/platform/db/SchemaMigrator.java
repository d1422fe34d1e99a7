package sr.gov.vpflow.platform.db;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Brings the schema up to date with Flyway, as the owner. Versions before
 * {@link #FIRST_GOVERNED} (the v1.0 series) are applied at every start, also when a governed plan
 * is applied already (out of order); later versions belong to governed migration plans, which an
 * operator runs (or, on a freshly created database, start-up runs through
 * {@link GovernedInstallation}).
 */
public final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    public static final String LOCATION = "classpath:db/migration";
    public static final MigrationVersion FIRST_GOVERNED = MigrationVersion.fromVersion("1.1");

    private SchemaMigrator() {}

    public static FluentConfiguration configure(DataSource owner) {
        return Flyway.configure()
                .dataSource(owner)
                .schemas(OwnerDatabase.SCHEMA)
                .locations(LOCATION)
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .callbacks(new VerifiedIdentityCallback());
    }

    public static Flyway flyway(DataSource owner) {
        return configure(owner).load();
    }

    /** Applies the automatic migrations and tells where the schema stands. */
    static SchemaState migrate(DataSource owner) {
        MigrationInfoService before = flyway(owner).info();
        boolean fresh = Arrays.stream(before.applied()).noneMatch(SchemaMigrator::isVersionedMigration);
        Optional<MigrationVersion> automaticTarget = Arrays.stream(before.all())
                .map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(FIRST_GOVERNED) < 0)
                .max(Comparator.naturalOrder());
        if (automaticTarget.isPresent()) {
            MigrateResult result = configure(owner)
                    .target(automaticTarget.get())
                    .outOfOrder(behindAGovernedPlan(before))
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                log.info(
                        "schema migrated from {} to {} ({} migrations)",
                        result.initialSchemaVersion == null ? "nothing" : result.initialSchemaVersion,
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            }
        }
        secureHistoryTable(owner);
        MigrationInfoService after = flyway(owner).info();
        List<String> pending = Arrays.stream(after.pending())
                .map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.compareTo(FIRST_GOVERNED) >= 0)
                .map(MigrationVersion::getVersion)
                .toList();
        MigrationInfo current = after.current();
        String version = current == null || current.getVersion() == null
                ? "none"
                : current.getVersion().getVersion();
        if (pending.isEmpty()) {
            log.info("schema is up to date at version {}", version);
        }
        return new SchemaState(version, fresh, pending);
    }

    /**
     * What Flyway does after each migration (VerifiedIdentityCallback), for a restore that makes
     * the schema again from the scripts without Flyway.
     */
    public static void afterScripts(java.sql.Connection owner) throws java.sql.SQLException {
        VerifiedIdentityCallback.apply(owner);
    }

    /**
     * Whether a v1.0 migration of this build is still to apply to a database that has a governed
     * plan's migrations already (a newer version's v1.0 migration on an older database): Flyway
     * applies it only out of order, after the plan's.
     */
    private static boolean behindAGovernedPlan(MigrationInfoService info) {
        MigrationInfo current = info.current();
        if (current == null || current.getVersion() == null) {
            return false;
        }
        // not applied and older than the newest applied one: Flyway calls it ignored, not pending
        return Arrays.stream(info.all())
                .filter(m -> !m.getState().isApplied())
                .map(MigrationInfo::getVersion)
                .anyMatch(v -> v != null && v.compareTo(FIRST_GOVERNED) < 0 && v.compareTo(current.getVersion()) < 0);
    }

    /** The newest migration of a series ({@code 1.0}) that this build has, applied or not. */
    public static String newestOfSeries(DataSource owner, String series) {
        return Arrays.stream(flyway(owner).info().all())
                .map(MigrationInfo::getVersion)
                .filter(v -> v != null && v.getVersion().startsWith(series + "."))
                .max(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion)
                .orElseThrow(() -> new IllegalStateException("this build has no migration of series " + series));
    }

    private static boolean isVersionedMigration(MigrationInfo info) {
        return info.getVersion() != null
                && info.getType() != null
                && !info.getType().isSynthetic();
    }

    /**
     * Flyway's history is the owner's alone, with row-level security forced like every table. (A
     * migration cannot do this: Flyway holds a lock on its history table while migrating.)
     */
    public static void secureHistoryTable(DataSource owner) {
        JdbcClient jdbc = JdbcClient.create(owner);
        boolean forced = jdbc.sql("""
                        SELECT c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = :schema AND c.relname = 'flyway_schema_history'""")
                .param("schema", OwnerDatabase.SCHEMA)
                .query(Boolean.class)
                .single();
        if (!forced) {
            jdbc.sql("ALTER TABLE flyway_schema_history ENABLE ROW LEVEL SECURITY")
                    .update();
            jdbc.sql("ALTER TABLE flyway_schema_history FORCE ROW LEVEL SECURITY")
                    .update();
            jdbc.sql("CREATE POLICY flyway_schema_history_owner_maintenance ON flyway_schema_history"
                            + " TO CURRENT_USER USING (true) WITH CHECK (true)")
                    .update();
        }
    }
}
