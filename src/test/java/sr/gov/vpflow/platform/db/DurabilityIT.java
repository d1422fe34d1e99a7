package sr.gov.vpflow.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.governance.Checklist;
import sr.gov.vpflow.governance.Progress;
import sr.gov.vpflow.governance.ValidationReport;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/**
 * Committed means on disk: the embedded PostgreSQL runs with fsync, full_page_writes and
 * synchronous_commit on, and the server refuses a database where a record it commits could be
 * lost in a power cut, unless the operator says so for a test or a benchmark.
 */
class DurabilityIT extends IntegrationTest {

    @Test
    void theEmbeddedDatabaseFlushesWhatItCommits() {
        Map<String, String> settings = new java.util.TreeMap<>();
        owner().sql("SELECT name, setting FROM pg_settings"
                        + " WHERE name IN ('fsync', 'full_page_writes', 'synchronous_commit')")
                .query((rs, n) -> settings.put(rs.getString(1), rs.getString(2)))
                .list();
        assertThat(settings)
                .containsEntry("fsync", "on")
                .containsEntry("full_page_writes", "on")
                .containsEntry("synchronous_commit", "on");
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single())
                .as("for the application's sessions too")
                .isEqualTo("on");
    }

    @Test
    void theServerRefusesADatabaseThatWouldLoseCommittedRecordsUnlessToldForATest() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String database = "unsafe_" + tag;
        String ownerRole = "unsafe_owner_" + tag;
        String password = "Unsafe-" + UUID.randomUUID();
        JdbcClient admin = owner();
        admin.sql("CREATE ROLE " + ownerRole + " LOGIN SUPERUSER PASSWORD '" + password + "'")
                .update();
        admin.sql("CREATE DATABASE " + database + " OWNER " + ownerRole).update();
        // a database whose sessions commit without waiting for the disk
        admin.sql("ALTER DATABASE " + database + " SET synchronous_commit = off")
                .update();
        String url = ownerDatabase.jdbcUrl().replaceAll("/[^/]+$", "/" + database);
        List<String> external = List.of(
                "vpflow.db.url=" + url,
                "vpflow.db.user=" + ownerRole,
                "vpflow.db.password=" + password,
                "vpflow.db.app-user=unsafe_app_" + tag,
                "vpflow.db.app-password=App-" + password);

        Throwable refused = catchThrowable(() -> StandaloneApplication.start(
                        IntegrationTest.newDataDir("unsafe"), false, external.toArray(String[]::new))
                .close());
        assertThat(refused).isNotNull();
        assertThat(refused).rootCause().isInstanceOf(UnsafeDurabilityException.class);
        UnsafeDurabilityException cause = (UnsafeDurabilityException) rootCause(refused);
        assertThat(cause.settings()).extracting(Durability.Setting::name).containsExactly("synchronous_commit");
        assertThat(new UnsafeDurabilityFailureAnalyzer().analyze(refused).getAction())
                .contains("VPFLOW_ALLOW_UNSAFE_DURABILITY=true");

        List<String> allowed = new java.util.ArrayList<>(external);
        allowed.add("vpflow.allow-unsafe-durability=true");
        try (ConfigurableApplicationContext app = StandaloneApplication.start(
                IntegrationTest.newDataDir("unsafe-allowed"), false, allowed.toArray(String[]::new))) {
            ValidationReport report = app.getBean(Checklist.class).validate(Progress.none());
            assertThat(report.failed())
                    .singleElement()
                    .satisfies(i -> assertThat(i.findings())
                            .singleElement()
                            .satisfies(f -> assertThat(f).startsWith("synchronous_commit = off")));
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
