package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/** Re-opening on the case pages over HTTP, signed in with a session as a browser would be. */
class ReopenPagesIT extends IntegrationTest {

    private Account vp;
    private Account secretary;
    private OfficeRecords records;
    private PageSession vpPages;
    private PageSession secretaryPages;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        records = new OfficeRecords(owner());
        vpPages = PageSession.signIn(api.base(), vp);
        secretaryPages = PageSession.signIn(api.base(), secretary);
    }

    private UUID closedCase(String title, String resolution) {
        Response created = api.post("/api/v1/cases", secretary, Map.of("title", title));
        UUID id = UUID.fromString(created.json().get("id").asString());
        assertThat(api.post("/api/v1/cases/" + id + "/close", vp, Map.of("resolution", resolution))
                        .status())
                .isEqualTo(200);
        return id;
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    @Test
    void theVpReopensAClosedCaseWithAReasonAndThePageSaysSo() {
        UUID id = closedCase(OfficeRecords.unique("Heropenen op de pagina"), "Afgewezen.");
        String reference = records.column(id, "reference");

        Response closedPage = vpPages.get("/cases/" + id);
        assertThat(closedPage.body())
                .contains("id=\"reopen-case\"")
                .contains("data-hx-get=\"/cases/" + id + "/reopen\"")
                .contains(">Heropenen<")
                .doesNotContain("id=\"reopen-reason\"")
                .doesNotContain("reopened-banner");
        assertThat(secretaryPages.get("/cases/" + id).body())
                .doesNotContain("reopen-panel")
                .doesNotContain("reopen-case");

        // htmx reveals the form in place; without htmx the page comes with the form open
        Response panel = vpPages.htmx("/cases/" + id + "/reopen");
        assertThat(panel.status()).isEqualTo(200);
        assertThat(panel.body())
                .startsWith("<div id=\"reopen-panel\"")
                .doesNotContain("<html")
                .contains("<label for=\"reopen-reason\">")
                .contains("id=\"reopen-reason\"")
                .contains("autofocus")
                .contains("id=\"confirm-reopen\"")
                .contains("name=\"version\" value=\"1\"");
        assertThat(vpPages.get("/cases/" + id + "/reopen").body())
                .contains("<html")
                .contains("id=\"reopen-reason\"");
        assertThat(vpPages.htmx("/cases/" + id + "/reopen?form=false").body())
                .startsWith("<div id=\"reopen-panel\"")
                .contains("id=\"reopen-case\"")
                .doesNotContain("id=\"reopen-reason\"");

        Response noReason = vpPages.post("/cases/" + id + "/reopen", form("reason", "  ", "version", "1"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body())
                .contains("Geef een reden op.")
                .contains("id=\"reopen-reason\"")
                .contains("aria-invalid=\"true\"");
        assertThat(records.column(id, "state")).isEqualTo("closed");
        assertThat(records.events("case_reopened", id)).isZero();

        Response reopened =
                vpPages.post("/cases/" + id + "/reopen", form("reason", "Bezwaar ingediend.", "version", "1"));
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(302);
        assertThat(records.column(id, "state")).isEqualTo("reopened");
        String page = vpPages.get("/cases/" + id).body();
        assertThat(page)
                .contains("Zaak " + reference + " is heropend.")
                .contains("state-reopened")
                .contains(">Heropend<")
                .contains("id=\"reopened-banner\"")
                .contains("Deze zaak is heropend")
                .contains("Heropend door " + vp.displayName())
                .contains("(heropening 1)")
                .contains("Bezwaar ingediend.")
                .contains("Afgewezen.")
                .contains("Zaak opnieuw sluiten")
                .contains("id=\"edit-case\"")
                .contains("Heropening 1")
                .contains("Zaak " + reference + " heropend")
                .doesNotContain("id=\"reopen-case\"")
                .doesNotContain("id=\"move-");

        // a second window's form comes too late
        Response stale = vpPages.post("/cases/" + id + "/reopen", form("reason", "Nog eens", "version", "1"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Deze statuswijziging is niet toegestaan.");
        assertThat(records.events("case_reopened", id)).isEqualTo(1);

        Response english = vpPages.get("/cases/" + id + "?lang=en");
        assertThat(english.body())
                .contains(">Re-opened<")
                .contains("This case has been re-opened")
                .contains("Re-opened by " + vp.displayName())
                .contains("Previous resolution")
                .contains("Close the case again")
                .contains("Re-opening 1")
                .contains("Case " + reference + " re-opened")
                .contains("Reason:");
    }

    @Test
    void aSecretaryEditsAReopenedCaseButNeitherReopensNorClosesIt() {
        UUID id = closedCase(OfficeRecords.unique("Secretariaat"), "Besloten.");
        Response refused = secretaryPages.post("/cases/" + id + "/reopen", form("reason", "Graag", "version", "1"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Uw rol mag dit niet doen.");
        assertThat(records.column(id, "state")).isEqualTo("closed");
        assertThat(records.allEvents(id)).isEqualTo(2);

        api.post("/api/v1/cases/" + id + "/reopen", vp, Map.of("reason", "Nieuwe feiten"));
        String page = secretaryPages.get("/cases/" + id).body();
        assertThat(page)
                .contains("id=\"reopened-banner\"")
                .contains("Nieuwe feiten")
                .contains("id=\"edit-case\"")
                .contains("Alleen de Vicepresident kan een heropende zaak opnieuw sluiten.")
                .doesNotContain("id=\"close-case\"");
        Response edited = secretaryPages.post(
                "/cases/" + id + "/edit", form("title", "Secretariaat bewerkt", "priority", "urgent", "version", "2"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(302);
        assertThat(records.events("case_reopen_edit", id)).isEqualTo(1);
        assertThat(secretaryPages.get("/cases/" + id).body())
                .contains("Heropende zaak " + records.column(id, "reference") + " bewerkt")
                .contains("Secretariaat bewerkt")
                .contains("Spoed");
        Response close = secretaryPages.post("/cases/" + id + "/close", form("resolution", "Klaar", "version", "3"));
        assertThat(close.status()).isEqualTo(403);
        assertThat(records.column(id, "state")).isEqualTo("reopened");
    }

    @Test
    void theVpClosesAReopenedCaseAgainAndTheHistoryGroupsEachReopening() {
        UUID id = closedCase(OfficeRecords.unique("Twee keer"), "Eerste besluit.");
        String reference = records.column(id, "reference");
        vpPages.post("/cases/" + id + "/reopen", form("reason", "Eerste reden", "version", "1"));

        Response noResolution = vpPages.post("/cases/" + id + "/close", form("resolution", "", "version", "2"));
        assertThat(noResolution.status()).isEqualTo(400);
        assertThat(noResolution.body()).contains("Vul het besluit in om de zaak te sluiten.");
        Response reclosed =
                vpPages.post("/cases/" + id + "/close", form("resolution", "Tweede besluit.", "version", "2"));
        assertThat(reclosed.status()).isEqualTo(302);
        vpPages.post("/cases/" + id + "/reopen", form("reason", "Tweede reden", "version", "3"));

        String page = vpPages.get("/cases/" + id).body();
        assertThat(page)
                .contains("id=\"cycle-1\"")
                .contains("id=\"cycle-2\"")
                .contains("(heropening 2)")
                .contains("Tweede reden")
                .contains("Tweede besluit.");
        int cycle1 = page.indexOf("id=\"cycle-1\"");
        int cycle2 = page.indexOf("id=\"cycle-2\"");
        assertThat(page.indexOf("Zaak " + reference + " opnieuw gesloten")).isBetween(cycle1, cycle2);
        assertThat(page.indexOf("Eerste reden")).isBetween(cycle1, cycle2);
        assertThat(page.lastIndexOf("Tweede reden")).isGreaterThan(cycle2);

        Response notice = vpPages.post("/cases/" + id + "/close", form("resolution", "Derde besluit.", "version", "4"));
        assertThat(notice.status()).isEqualTo(302);
        assertThat(vpPages.get("/cases/" + id).body())
                .contains("Zaak " + reference + " is opnieuw gesloten.")
                .contains("Derde besluit.")
                .contains("id=\"reopen-case\"");
    }

    @Test
    void theCaseListFiltersReopenedCases() {
        String word = "Heropenwoord" + UUID.randomUUID().toString().substring(0, 6);
        UUID reopened = closedCase(word + " een", "Besloten.");
        UUID closed = closedCase(word + " twee", "Besloten.");
        api.post("/api/v1/cases/" + reopened + "/reopen", vp, Map.of("reason", "Nieuw"));

        Response list = secretaryPages.get("/cases?q=" + word);
        assertThat(list.body())
                .contains("<option value=\"reopened\">Heropend</option>")
                .contains("href=\"/cases/" + reopened + "\"")
                .contains("href=\"/cases/" + closed + "\"");
        Response filtered = secretaryPages.htmx("/cases?q=" + word + "&state=reopened");
        assertThat(filtered.body())
                .contains("href=\"/cases/" + reopened + "\"")
                .doesNotContain("href=\"/cases/" + closed + "\"")
                .contains("state-reopened");
        assertThat(secretaryPages.get("/cases?q=" + word + "&state=reopened").body())
                .contains("<option value=\"reopened\" selected=\"selected\">Heropend</option>");
    }
}
