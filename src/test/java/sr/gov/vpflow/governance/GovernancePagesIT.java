package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.OfficeContent;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * The administrator's pages of restore points and migrations: a restore point is made, listed and
 * verified from the page (a damaged one is told apart), the validation checklist runs from the page
 * and shows its items, the plans and reports are listed; the office's roles get 403, and nothing of
 * the office's work shows.
 */
class GovernancePagesIT extends IntegrationTest {

    @Autowired
    RestorePoints restorePoints;

    @Test
    void theAdministratorMakesVerifiesAndListsARestorePoint() {
        Account admin = accounts.create(Role.ADMIN);
        PageSession pages = PageSession.signIn(api.base(), admin);
        String name = "pagina-" + UUID.randomUUID().toString().substring(0, 8);

        Response page = pages.get("/restore-points");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1>Herstelpunten</h1>")
                .contains("java -jar vpflow.jar restore-point restore NAME")
                .contains("met de server gestopt");

        Response made = pages.post("/restore-points", Map.of("name", name, "reason", "voor de test"));
        assertThat(made.status()).as(made.body()).isEqualTo(302);
        String list = pages.get("/restore-points").body();
        assertThat(list).contains("Herstelpunt " + name + " is gemaakt.");
        assertThat(row(list, name))
                .contains("voor de test")
                .contains("nog niet")
                .contains("java -jar vpflow.jar restore-point restore " + name)
                .containsPattern("\\d+,\\d MB");
        assertThat(owner().sql(
                                "SELECT details->>'requested_by' FROM audit_logs WHERE event_type = 'restore_point_created'"
                                        + " AND details->>'restore_point' = :name")
                        .param("name", name)
                        .query(String.class)
                        .single())
                .isEqualTo(admin.username());

        // verified as htmx asks: the part of the page with the result and the list comes back
        Response verified = pages.htmxPost("/restore-points/" + name + "/verify", Map.of());
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.body())
                .doesNotContain("<html")
                .contains("id=\"restore-point-panel\"")
                .contains("Herstelpunt " + name + " is intact en terug te zetten");
        assertThat(row(verified.body(), name)).contains("ja, intact");
        assertThat(row(pages.get("/restore-points").body(), name)).contains("ja, intact");

        Response again = pages.post("/restore-points", Map.of("name", name));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body())
                .contains("id=\"create-error\"")
                .contains("Er bestaat al een herstelpunt met deze naam.");
        Response missing = pages.post("/restore-points/bestaat-niet-" + UUID.randomUUID() + "/verify", Map.of());
        assertThat(missing.status()).isEqualTo(409);
        assertThat(missing.body()).contains("Dit herstelpunt bestaat niet.");
    }

    @Test
    void aDamagedRestorePointIsShownDamaged() throws IOException {
        PageSession pages = PageSession.signIn(api.base(), accounts.create(Role.ADMIN));
        Response made = pages.htmxPost("/restore-points", Map.of());
        assertThat(made.status()).isEqualTo(200);
        Matcher named =
                Pattern.compile("Herstelpunt (manual-[0-9-]+) is gemaakt").matcher(made.body());
        assertThat(named.find()).as(made.body()).isTrue();
        String name = named.group(1);
        try {
            Path file = restorePoints.folder().resolve(name).resolve("data").resolve("audit_event_types.copy");
            Files.write(file, new byte[] {42}, StandardOpenOption.APPEND);
            Response verified = pages.post("/restore-points/" + name + "/verify", Map.of());
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.body())
                    .contains("<html")
                    .contains("Herstelpunt " + name + " is BESCHADIGD")
                    .contains("audit_event_types.copy");
            assertThat(row(pages.get("/restore-points").body(), name)).contains("beschadigd");
        } finally {
            restorePoints.remove(name);
        }
    }

    @Test
    void theValidationRunsFromThePageAndTheMigrationsPageListsThePlansAndReports() {
        PageSession pages = PageSession.signIn(api.base(), accounts.create(Role.ADMIN));
        Response page = pages.get("/migrations");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Migraties en validatie</h1>").contains("id=\"schema-version\"");
        for (MigrationPlan plan : MigrationPlans.all()) {
            assertThat(page.body()).contains("id=\"plan-" + plan.name() + "\"").contains(plan.title());
        }
        assertThat(page.body())
                .as("every plan is applied on a new database")
                .contains("toegepast")
                .doesNotContain("nog niet toegepast")
                .contains("migrate --help");

        // the new database's own run wrote a report
        Matcher report =
                Pattern.compile("href=\"/migrations/reports/(migrate-[^\"]+)\"").matcher(page.body());
        assertThat(report.find()).as(page.body()).isTrue();
        Response text = pages.get("/migrations/reports/" + report.group(1));
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.body()).contains("VP-Flow governed migration: plan");
        assertThat(pages.get("/migrations/reports/geen-rapport").status()).isEqualTo(404);
        assertThat(pages.get("/migrations/reports/..%2F..%2Fsecrets").status()).isIn(400, 404);

        Response validated = pages.htmxPost("/migrations/validate", Map.of());
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.body())
                .doesNotContain("<html")
                .contains("id=\"validation-items\"")
                .contains("id=\"validation-outcome\"")
                .contains("v1.0 queries run")
                .contains("row-level security enabled and forced")
                .contains("the approved RLS matrix holds")
                .contains("klopt");
        Response full = pages.post("/migrations/validate", Map.of());
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body())
                .contains("<html")
                .contains("id=\"validation-items\"")
                .contains("id=\"plan-list\"");
    }

    @Test
    void theOfficeRolesGetForbiddenAndThePagesShowNoOfficeContent() {
        Account secretary = accounts.create(Role.SECRETARY);
        OfficeContent content = OfficeContent.seed(api, secretary);
        String guest = content.guestName();
        String title = content.caseTitle();
        String guestId = content.guestId();

        for (Role role : new Role[] {Role.VP, Role.SECRETARY}) {
            PageSession office = PageSession.signIn(api.base(), accounts.create(role));
            for (String path : new String[] {"/restore-points", "/migrations", "/migrations/reports/geen-rapport"}) {
                assertThat(office.get(path).status())
                        .as("%s GET %s", role, path)
                        .isEqualTo(403);
            }
            for (String path :
                    new String[] {"/restore-points", "/restore-points/iets/verify", "/migrations/validate"}) {
                assertThat(office.post(path, Map.of()).status())
                        .as("%s POST %s", role, path)
                        .isEqualTo(403);
            }
            String home = office.get("/").body();
            assertThat(home).doesNotContain("href=\"/restore-points\"").doesNotContain("href=\"/migrations\"");
        }

        PageSession admin = PageSession.signIn(api.base(), accounts.create(Role.ADMIN));
        String made = admin.htmxPost("/restore-points", Map.of()).body();
        String validated = admin.post("/migrations/validate", Map.of()).body();
        for (String body : new String[] {made, admin.get("/restore-points").body(), validated}) {
            assertThat(body).doesNotContain(guest).doesNotContain(title).doesNotContain(guestId);
        }
        Matcher named =
                Pattern.compile("Herstelpunt (manual-[0-9-]+) is gemaakt").matcher(made);
        assertThat(named.find()).isTrue();
        restorePoints.remove(named.group(1));
    }

    /** The restore point's row of the list. */
    private static String row(String page, String name) {
        Matcher row = Pattern.compile(
                        "<tr[^>]*id=\"point-" + Pattern.quote(name) + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).as("the row of %s in %s", name, page).isTrue();
        return row.group(1);
    }
}
