package sr.gov.vpflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/** The audit log page: events in words, in Dutch and English, filtered, as each role may see them. */
class AuditPagesIT extends IntegrationTest {

    private Account vp;
    private Account secretary;
    private UUID caseId;
    private String reference;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        Response created = api.post(
                "/api/v1/cases", secretary, Map.of("title", "Paginazaak", "priority", "low", "due_date", "2026-05-04"));
        caseId = UUID.fromString(created.json().get("id").asString());
        reference = created.json().get("reference").asString();
        api.patch(
                "/api/v1/cases/" + caseId,
                vp,
                Map.of("version", 0, "title", "Paginazaak herzien", "priority", "urgent", "state", "in_progress"));
    }

    private String occurredAt(String eventType, Locale locale) {
        OffsetDateTime at = owner().sql("SELECT occurred_at FROM audit_logs WHERE entity_id = :id AND event_type = :t")
                .param("id", caseId)
                .param("t", eventType)
                .query(OffsetDateTime.class)
                .single();
        return DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss", locale).format(OfficeTime.inOffice(at));
    }

    @Test
    void theVpReadsWhoDidWhatWhenAndTheChangesInWordsInDutchAndEnglish() {
        PageSession pages = PageSession.signIn(api.base(), vp);
        Response dutch = pages.get("/audit?entity_type=case&entity_id=" + caseId);
        assertThat(dutch.status()).isEqualTo(200);
        // HTML's datetime: at most three digits of a second's fraction (PostgreSQL keeps six)
        java.util.List<String> times = java.util.regex.Pattern.compile("datetime=\"([^\"]*)\"")
                .matcher(dutch.body())
                .results()
                .map(m -> m.group(1))
                .toList();
        assertThat(times)
                .isNotEmpty()
                .allSatisfy(t -> assertThat(t)
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?([+-]\\d\\d:\\d\\d|Z)"));
        assertThat(pages.get("/cases/" + caseId).body()).doesNotContainPattern("datetime=\"[^\"]*\\.\\d{4,}");
        assertThat(dutch.body())
                .contains("Auditlog")
                .contains("Zaak " + reference + " geopend")
                .contains("Zaak " + reference + " bewerkt")
                .contains("Status van zaak " + reference + " gewijzigd")
                .contains(secretary.displayName())
                .contains(vp.displayName())
                .contains(occurredAt("case_created", Locale.forLanguageTag("nl")))
                .contains("Titel:")
                .contains("Paginazaak herzien")
                .contains("Prioriteit:")
                .contains("Laag")
                .contains("Spoed")
                .contains("Termijn:")
                .contains("4 mei 2026")
                .contains("In behandeling")
                .contains("via de API")
                .contains("href=\"/cases/" + caseId + "\"");

        Response english = pages.get("/audit?entity_type=case&entity_id=" + caseId + "&lang=en");
        assertThat(english.body())
                .contains("Audit log")
                .contains("Case " + reference + " opened")
                .contains("Case " + reference + " edited")
                .contains(occurredAt("case_updated", Locale.ENGLISH))
                .contains("Priority:")
                .contains("Urgent")
                .contains("4 May 2026")
                .contains("In progress")
                .contains("through the API");
    }

    @Test
    void filtersByEventTypeActorAndDateAndHtmxGetsOnlyTheResults() {
        PageSession pages = PageSession.signIn(api.base(), vp);
        Response byType = pages.get("/audit?event_type=case_created&entity_id=" + caseId);
        assertThat(byType.body())
                .contains("Zaak " + reference + " geopend")
                .doesNotContain("Zaak " + reference + " bewerkt");
        assertThat(byType.body())
                .contains("<option value=\"case_created\" selected=\"selected\">Zaak geopend</option>");
        Response byActor = pages.get("/audit?actor_id=" + vp.id() + "&entity_id=" + caseId);
        assertThat(byActor.body())
                .contains("Zaak " + reference + " bewerkt")
                .doesNotContain("Zaak " + reference + " geopend");
        Response future = pages.get("/audit?from=2999-01-01&entity_id=" + caseId);
        assertThat(future.body()).contains("Geen gebeurtenissen.");
        Response partial = pages.htmx("/audit?entity_id=" + caseId);
        assertThat(partial.body())
                .doesNotContain("<html")
                .startsWith("<section id=\"audit-results\"")
                .contains(reference);
        Response bad = pages.get("/audit?entity_id=not-an-id");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("Het id van het gegeven is geen geldige uuid.");
        assertThat(pages.get("/audit?from=gisteren").body()).contains("De datum bij");
    }

    @Test
    void aSecretarySeesTheCasesEventsAndTheOperatorSeesNone() {
        PageSession secretaryPages = PageSession.signIn(api.base(), secretary);
        assertThat(secretaryPages.get("/audit?entity_id=" + caseId).body())
                .contains("Zaak " + reference + " geopend")
                .contains("U ziet de gebeurtenissen van uw eigen account");
        PageSession adminPages = PageSession.signIn(api.base(), accounts.create(Role.ADMIN));
        Response admin = adminPages.get("/audit?entity_id=" + caseId);
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).contains("Geen gebeurtenissen.").doesNotContain(reference);
        assertThat(adminPages
                        .get("/audit?entity_type=user&entity_id=" + vp.id())
                        .body())
                .contains("Account " + vp.username() + " aangemaakt");
    }

    @Test
    void theVicePresidentHasTheExportAndEveryoneWhoReadsTheLogSeesTheNewestCheckpoint() {
        PageSession pages = PageSession.signIn(api.base(), vp);
        Response page = pages.get("/audit");
        assertThat(page.body())
                .contains("id=\"audit-export\"")
                .contains("Exporteren voor een auditor")
                .contains("Nieuwste ondertekende controlepunt");
        String today = java.time.LocalDate.now(OfficeTime.ZONE).toString();
        Response zip = pages.get("/audit/export?from=" + today + "&to=" + today);
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        assertThat(PageSession.signIn(api.base(), secretary).get("/audit").body())
                .doesNotContain("id=\"audit-export\"");
        assertThat(PageSession.signIn(api.base(), secretary)
                        .get("/audit/export?from=" + today + "&to=" + today)
                        .status())
                .isEqualTo(403);
    }
}
