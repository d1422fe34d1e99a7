package sr.gov.vpflow.platform.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Brings the schema to the newest version with Flyway, as the owner. */
public final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    public static final String LOCATION = "classpath:db/migration";

    private SchemaMigrator() {}

    public static Flyway flyway(DataSource owner) {
        return Flyway.configure()
                .dataSource(owner)
                .schemas(OwnerDatabase.SCHEMA)
                .locations(LOCATION)
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .load();
    }

    static void migrate(DataSource owner) {
        MigrateResult result = flyway(owner).migrate();
        secureHistoryTable(owner);
        if (result.migrationsExecuted > 0) {
            log.info(
                    "schema migrated from {} to {} ({} migrations)",
                    result.initialSchemaVersion,
                    result.targetSchemaVersion,
                    result.migrationsExecuted);
        } else {
            log.info("schema is up to date at version {}", result.initialSchemaVersion);
        }
    }

    /**
     * Flyway's history is the owner's alone, with row-level security forced like every table. (A
     * migration cannot do this: Flyway holds a lock on its history table while migrating.)
     */
    static void secureHistoryTable(DataSource owner) {
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
