package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.SchemaVersions;
import sr.gov.vpflow.support.TestAccounts;

/**
 * The shared test database was created by a fresh start on the embedded default: it got v1.0 and
 * v1.1-A at once, through the governed plan, with its restore points, report and audit event.
 */
class FreshInstallIT extends IntegrationTest {

    @Autowired
    RestorePoints restorePoints;

    @Autowired
    SchemaFeatures features;

    @Test
    void aFreshDatabaseGetsV11aWithRestorePointsReportAndAuditEvent() throws IOException {
        assertThat(features.isV11aPresent()).isTrue();
        assertThat(owner().sql(
                                "SELECT version FROM flyway_schema_history WHERE version LIKE '1.1.%' ORDER BY installed_rank")
                        .query(String.class)
                        .list())
                .containsExactly("1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.20");

        List<RestorePoint> points = restorePoints.list();
        assertThat(points).anySatisfy(p -> {
            assertThat(p.name()).startsWith("v1.1-A-pre-migration-");
            assertThat(p.schemaVersion()).isEqualTo(SchemaVersions.newestV10());
        });
        assertThat(points).anySatisfy(p -> {
            assertThat(p.name()).startsWith("v1.1-A-post-schema-");
            assertThat(p.schemaVersion()).isEqualTo("1.1.20");
        });
        assertThat(points).allSatisfy(p -> assertThat(p.folder()).startsWith(sharedDataDir()));

        try (Stream<java.nio.file.Path> reports = Files.list(sharedDataDir().resolve("reports"))) {
            assertThat(reports.map(p -> p.getFileName().toString()))
                    .anySatisfy(f -> assertThat(f).startsWith("migrate-v1.1-A-").endsWith(".json"));
        }
        assertThat(owner().sql("""
                        SELECT details->>'outcome' || ' ' || (details->>'channel') FROM audit_logs
                        WHERE event_type = 'migration_run' AND details->>'plan' = 'v1.1-A'
                        ORDER BY seq LIMIT 1""").query(String.class).single()).isEqualTo("migrated system");
    }

    @Test
    void pagesShowTheV11aFeaturesOnAV11aDatabase() {
        TestAccounts.Account vp = accounts.create(Role.VP);
        String home = Pages.signedIn(api.base(), vp.username(), vp.password())
                .get("/")
                .body();
        assertThat(home).contains("href=\"/documents\"");
    }
}
