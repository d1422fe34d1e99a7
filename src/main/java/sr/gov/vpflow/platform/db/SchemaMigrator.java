package sr.gov.vpflow.platform.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
        if (result.migrationsExecuted > 0) {
            log.info("schema migrated from {} to {} ({} migrations)", result.initialSchemaVersion,
                    result.targetSchemaVersion, result.migrationsExecuted);
        } else {
            log.info("schema is up to date at version {}", result.initialSchemaVersion);
        }
    }
}
