package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.PendingGovernedMigrationsException;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.SchemaVersions;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.users.NewUser;
import sr.gov.vpflow.users.UserService;

/**
 * An existing v1.0 database is never migrated behind the operator's back: the server refuses to
 * start on it and names the command; told to stay at v1.0 it runs exactly as v1.0, and shows the
 * v1.1-A features as soon as the plan has been applied.
 */
class StartupIT {

    @Test
    void theServerRefusesAV10DatabaseRunsItAsV10WhenToldAndShowsV11aAfterTheMigration() {
        Path dir = IntegrationTest.newDataDir("startup");
        StandaloneApplication.start(dir, false, "vpflow.schema-target=v1.0").close();

        assertThatThrownBy(() -> StandaloneApplication.start(dir, true))
                .rootCause()
                .isInstanceOf(PendingGovernedMigrationsException.class)
                .hasMessageContaining("schema version " + SchemaVersions.newestV10())
                .hasMessageContaining(
                        "1.1.1, 1.1.2, 1.1.3, 1.1.4, 1.1.5, 1.1.6, 1.1.20, 1.2.1, 1.2.2, 1.2.3, 1.2.4, 1.3.1 are pending")
                .hasMessageContaining("migrate --plan v1.1-A --approve-plan")
                .hasMessageContaining("VPFLOW_SCHEMA_TARGET=v1.0");

        try (ConfigurableApplicationContext app = StandaloneApplication.start(dir, true, "vpflow.schema-target=v1.0")) {
            SchemaFeatures features = app.getBean(SchemaFeatures.class);
            assertThat(features.isV11aPresent()).isFalse();
            assertThat(features.isDocuments()).isFalse();
            assertThat(features.isReopening()).isFalse();
            app.getBean(Operators.class)
                    .callAs(
                            Role.ADMIN,
                            "cli",
                            () -> app.getBean(UserService.class)
                                    .create(new NewUser(
                                            "vp-startup", "Vice President", "vp", "Lang-genoeg-wachtwoord-9")));
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            assertThat(Pages.signedIn(base, "vp-startup", "Lang-genoeg-wachtwoord-9")
                            .get("/")
                            .body())
                    .contains("href=\"/cases\"")
                    .doesNotContain("href=\"/documents\"");

            MigrationReport report = app.getBean(MigrationRunner.class).run(MigrationIT.approved(), Progress.none());
            assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.MIGRATED);
            assertThat(features.isV11aPresent()).isTrue();
            assertThat(Pages.signedIn(base, "vp-startup", "Lang-genoeg-wachtwoord-9")
                            .get("/")
                            .body())
                    .contains("href=\"/documents\"");
            // v1.2 waits: until it is applied the server would not start on its own
            assertThat(features.isOfficeDay()).isFalse();
            MigrationReport officeDay =
                    app.getBean(MigrationRunner.class).run(MigrationIT.approved(MigrationPlans.V1_2), Progress.none());
            assertThat(officeDay.outcome()).as(officeDay.summary()).isEqualTo(MigrationReport.Outcome.MIGRATED);
            assertThat(features.isOfficeDay()).isTrue();
            assertThat(Pages.signedIn(base, "vp-startup", "Lang-genoeg-wachtwoord-9")
                            .get("/")
                            .body())
                    .contains("href=\"/holidays\"");
            // and v1.3 likewise: documents are then found by their words
            assertThat(features.isSearch()).isFalse();
            MigrationReport search =
                    app.getBean(MigrationRunner.class).run(MigrationIT.approved(MigrationPlans.V1_3), Progress.none());
            assertThat(search.outcome()).as(search.summary()).isEqualTo(MigrationReport.Outcome.MIGRATED);
            assertThat(features.isSearch()).isTrue();
        }
        // migrated, the database starts without being told anything
        try (ConfigurableApplicationContext app = StandaloneApplication.start(dir, false)) {
            assertThat(app.getBean(SchemaFeatures.class).isV11aPresent()).isTrue();
        }
    }
}
