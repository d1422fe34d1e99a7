package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.governance.Approval;
import sr.gov.vpflow.governance.MigrationPlans;
import sr.gov.vpflow.governance.MigrationReport;
import sr.gov.vpflow.governance.MigrationRequest;
import sr.gov.vpflow.governance.MigrationRunner;
import sr.gov.vpflow.governance.Progress;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * On a database that carries only v1.0 the re-open action does not exist: the API answers 404,
 * the pages offer no button and no filter, and the state `reopened` is refused as unknown. Once
 * the v1.1-A plan is applied, the case closed under v1.0 is re-opened like any other.
 */
class ReopenOnV10IT {

    @Test
    void underV10ThereIsNoReopeningAndAfterTheMigrationThereIs() {
        try (ConfigurableApplicationContext app = StandaloneApplication.start(
                IntegrationTest.newDataDir("reopen-v10"), true, "vpflow.schema-target=v1.0")) {
            Account vp = account(app, Role.VP);
            Account secretary = account(app, Role.SECRETARY);
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            Api api = new Api(base);

            Api.Response created = api.post("/api/v1/cases", secretary, Map.of("title", "Zaak onder v1.0"));
            assertThat(created.status()).isEqualTo(201);
            UUID id = UUID.fromString(created.json().get("id").asString());
            assertThat(api.post("/api/v1/cases/" + id + "/close", vp, Map.of("resolution", "Besloten"))
                            .status())
                    .isEqualTo(200);

            Api.Response reopen = api.post("/api/v1/cases/" + id + "/reopen", vp, Map.of("reason", "Nieuw feit"));
            assertThat(reopen.status()).isEqualTo(404);
            assertThat(reopen.json().get("code").asString()).isEqualTo("not_found");
            Api.Response listed = api.get("/api/v1/cases?state=reopened", vp);
            assertThat(listed.status()).isEqualTo(400);
            assertThat(listed.json().get("code").asString()).isEqualTo("invalid_parameter");
            Api.Response patched = api.patch("/api/v1/cases/" + id, vp, Map.of("version", 1, "state", "reopened"));
            assertThat(patched.status()).isEqualTo(400);
            assertThat(patched.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("state");
            assertThat(patched.json().get("errors").get(0).get("code").asString())
                    .isEqualTo("invalid_value");
            assertThat(api.get("/api/v1/cases/" + id + "/history", vp).json().get("items"))
                    .hasSize(2);

            // nor is anything of v1.2: notes, the mark for decision, working days, the holidays
            assertThat(api.post("/api/v1/cases/" + id + "/notes", vp, Map.of("text", "Notitie"))
                            .status())
                    .isEqualTo(404);
            assertThat(api.post("/api/v1/cases/" + id + "/decision", secretary, Map.of())
                            .status())
                    .isEqualTo(404);
            Api.Response workingDays =
                    api.post("/api/v1/cases", secretary, Map.of("title", "Termijn", "due_in_working_days", 3));
            assertThat(workingDays.fieldErrors()).containsExactly("due_in_working_days:unknown_field");
            assertThat(api.get("/api/v1/holidays", secretary).json().size()).isZero();
            assertThat(api.get("/api/v1/cases/" + id, vp)
                            .json()
                            .get("for_decision")
                            .asBoolean())
                    .isFalse();

            PageSession pages = PageSession.signIn(base, vp);
            assertThat(pages.get("/holidays").status()).isEqualTo(404);
            assertThat(pages.get("/").body()).contains("today-decisions").doesNotContain("href=\"/holidays\"");
            assertThat(pages.get("/today/decisions").status()).isEqualTo(200);
            String page = pages.get("/cases/" + id).body();
            assertThat(page).contains("state-closed").doesNotContain("reopen").doesNotContain("Heropen");
            assertThat(pages.get("/cases").body())
                    .contains("<option value=\"closed\">")
                    .doesNotContain("value=\"reopened\"");
            assertThat(pages.get("/cases?state=reopened").status()).isEqualTo(200);
            assertThat(pages.get("/cases/" + id + "/reopen").status()).isEqualTo(404);
            assertThat(pages.post("/cases/" + id + "/reopen", Map.of("reason", "Nieuw feit", "version", "1"))
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/cases/" + id, vp).json().get("state").asString())
                    .isEqualTo("closed");

            Approval approval = new Approval("R. Pahalwankhan", "VP-BESLUIT-2026-014", LocalDate.of(2026, 3, 2));
            MigrationReport report = app.getBean(MigrationRunner.class)
                    .run(
                            MigrationRequest.byOperator(MigrationPlans.V1_1_A, approval, approval, false),
                            Progress.none());
            assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);

            assertThat(pages.get("/cases/" + id).body()).contains("id=\"reopen-case\"");
            assertThat(pages.get("/cases").body()).contains("value=\"reopened\"");
            Api.Response reopened =
                    api.post("/api/v1/cases/" + id + "/reopen", vp, Map.of("reason", "Nieuw feit", "version", 1));
            assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
            assertThat(reopened.json().get("state").asString()).isEqualTo("reopened");
        }
    }

    private static Account account(ConfigurableApplicationContext app, Role role) {
        return TestAccounts.of(app).create(role);
    }
}
