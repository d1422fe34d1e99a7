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

/** The case pages over HTTP, signed in with a session as a browser would be. */
class CasePagesIT extends IntegrationTest {

    private Account vp;
    private Account secretary;
    private OfficeRecords records;
    private PageSession secretaryPages;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        records = new OfficeRecords(owner());
        secretaryPages = PageSession.signIn(api.base(), secretary);
    }

    private UUID openByApi(String title) {
        Response created = api.post("/api/v1/cases", secretary, Map.of("title", title));
        assertThat(created.status()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static UUID idFrom(Response redirect) {
        assertThat(redirect.status()).as(redirect.toString()).isEqualTo(302);
        String location = redirect.header("Location");
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void aSecretaryOpensACaseFromAnAppointmentThroughTheForm() {
        UUID guest = records.guest("Mahinder Jagessar", "Stichting Wijkzorg");
        UUID appointment = records.appointment(guest, "Wijkproject bespreken");
        Response blank = secretaryPages.get("/cases/new?appointment_id=" + appointment);
        assertThat(blank.status()).isEqualTo(200);
        assertThat(blank.body())
                .contains("Nieuwe zaak openen")
                .contains("<label for=\"title\">")
                .contains("<option value=\"" + appointment + "\" selected=\"selected\"")
                .contains("<option value=\"" + guest + "\" selected=\"selected\"");

        String title = OfficeRecords.unique("Wijkproject");
        UUID id = idFrom(secretaryPages.post(
                "/cases",
                form(
                        "title",
                        title,
                        "description",
                        "Eerste regel\nTweede regel",
                        "priority",
                        "high",
                        "due_date",
                        "2026-10-01",
                        "appointment_id",
                        appointment.toString(),
                        "guest_id",
                        records.guest("Someone Else", null).toString())));
        assertThat(records.column(id, "guest_id"))
                .as("the case takes the appointment's guest, as the form says")
                .isEqualTo(guest.toString());

        Response page = secretaryPages.get("/cases/" + id);
        String reference = records.column(id, "reference");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Zaak " + reference + " is geopend.")
                .contains(title)
                .contains("Mahinder Jagessar")
                .contains("Wijkproject bespreken")
                .contains("state-open")
                .contains("1 oktober 2026")
                .contains("Zaak " + reference + " geopend")
                .contains(secretary.displayName())
                .contains("Alleen de Vicepresident kan een zaak sluiten.")
                .doesNotContain("id=\"close-case\"");
    }

    @Test
    void aRefusedFormComesBackWithTheMessagesNextToTheFieldsAndNothingIsWritten() {
        Response empty = secretaryPages.post("/cases", form("title", "  ", "description", "Alleen omschrijving"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body())
                .contains("id=\"title-error\"")
                .contains("Vul dit veld in.")
                .contains("aria-invalid=\"true\"")
                .contains("Alleen omschrijving");
        String tooLong = "t".repeat(201);
        Response longTitle = secretaryPages.post("/cases", form("title", tooLong, "due_date", "2026-02-30"));
        assertThat(longTitle.status()).isEqualTo(400);
        assertThat(longTitle.body())
                .contains("Dit is te lang: ten hoogste 200 tekens.")
                .contains("Dit is geen geldige datum.");
        assertThat(records.casesTitled(tooLong)).isZero();
        Response unknownGuest = secretaryPages.post(
                "/cases",
                form(
                        "title",
                        OfficeRecords.unique("Ghost"),
                        "guest_id",
                        UUID.randomUUID().toString()));
        assertThat(unknownGuest.status()).isEqualTo(404);
        assertThat(unknownGuest.body()).contains("Deze gast bestaat niet");
    }

    @Test
    void anEditOnAStaleVersionIsRefusedAndKeepsWhatTheUserTyped() {
        UUID id = openByApi(OfficeRecords.unique("Stale page"));
        Response edit = secretaryPages.get("/cases/" + id + "/edit");
        assertThat(edit.body()).contains("name=\"version\" value=\"0\"");
        api.patch("/api/v1/cases/" + id, vp, Map.of("version", 0, "title", "Changed by the VP"));

        Response stale = secretaryPages.post(
                "/cases/" + id + "/edit", form("version", "0", "title", "Mijn wijziging", "priority", "normal"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body())
                .contains("Iemand anders heeft dit intussen gewijzigd")
                .contains("Mijn wijziging");
        assertThat(records.column(id, "title")).isEqualTo("Changed by the VP");

        Response saved = secretaryPages.post(
                "/cases/" + id + "/edit", form("version", "1", "title", "Mijn wijziging", "priority", "low"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(records.column(id, "title")).isEqualTo("Mijn wijziging");
        assertThat(secretaryPages.get("/cases/" + id).body())
                .contains("Titel:")
                .contains("Changed by the VP")
                .contains("Prioriteit:")
                .contains("Laag");
    }

    @Test
    void theVpMovesAndClosesACaseAndTheHistoryTellsItInBothLanguages() {
        UUID id = openByApi(OfficeRecords.unique("Close on page"));
        String reference = records.column(id, "reference");
        PageSession vpPages = PageSession.signIn(api.base(), vp);
        assertThat(vpPages.get("/cases/" + id).body())
                .contains("id=\"close-case\"")
                .contains("id=\"move-in_progress\"");

        assertThat(vpPages.post("/cases/" + id + "/state", form("state", "in_progress", "version", "0"))
                        .status())
                .isEqualTo(302);
        assertThat(records.column(id, "state")).isEqualTo("in_progress");
        assertThat(vpPages.get("/cases/" + id).body())
                .contains("Zaak " + reference + " heeft nu de status: In behandeling.");

        Response noResolution = vpPages.post("/cases/" + id + "/close", form("resolution", " ", "version", "1"));
        assertThat(noResolution.status()).isEqualTo(400);
        assertThat(noResolution.body()).contains("Vul het besluit in om de zaak te sluiten.");
        assertThat(records.column(id, "state")).isEqualTo("in_progress");

        Response closed =
                vpPages.post("/cases/" + id + "/close", form("resolution", "Doorverwezen naar BZ.", "version", "1"));
        assertThat(closed.status()).isEqualTo(302);
        Response page = vpPages.get("/cases/" + id);
        assertThat(page.body())
                .contains("Zaak " + reference + " is gesloten.")
                .contains("state-closed")
                .contains("Doorverwezen naar BZ.")
                .contains("Zaak " + reference + " gesloten")
                .contains("Status van zaak " + reference + " gewijzigd")
                .contains("In behandeling")
                .doesNotContain("id=\"edit-case\"");
        Response english = vpPages.get("/cases/" + id + "?lang=en");
        assertThat(english.body())
                .contains("Case " + reference + " opened")
                .contains("Case " + reference + " closed")
                .contains("Resolution")
                .contains("In progress")
                .contains(vp.displayName());
        // the stale close form of a second window changes nothing
        Response again = vpPages.post("/cases/" + id + "/close", form("resolution", "Nog eens", "version", "2"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(records.column(id, "resolution")).isEqualTo("Doorverwezen naar BZ.");
    }

    @Test
    void aSecretaryWhoPostsTheCloseFormIsRefusedAndNothingChanges() {
        UUID id = openByApi(OfficeRecords.unique("Secretary close page"));
        Response refused = secretaryPages.post("/cases/" + id + "/close", form("resolution", "Klaar", "version", "0"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Uw rol mag dit niet doen.");
        assertThat(records.column(id, "state")).isEqualTo("open");
        assertThat(records.events("case_closed", id)).isZero();
    }

    @Test
    void theListSearchesAndHtmxGetsOnlyTheResults() {
        String word = "Lijstwoord" + UUID.randomUUID().toString().substring(0, 6);
        UUID id = openByApi(word + " zaak");
        Response full = secretaryPages.get("/cases?q=" + word);
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.body()).contains("<html").contains("href=\"/cases/" + id + "\"");
        Response partial = secretaryPages.htmx("/cases?q=" + word + "&state=open");
        assertThat(partial.body())
                .doesNotContain("<html")
                .startsWith("<section id=\"case-results\"")
                .contains("href=\"/cases/" + id + "\"");
        assertThat(secretaryPages.htmx("/cases?q=" + word + "&state=closed").body())
                .contains("Geen zaken gevonden.");
    }

    @Test
    void theFragmentsListTheCasesOfAGuestAndOfAnAppointment() {
        UUID guest = records.guest("Fragment Guest", null);
        UUID appointment = records.appointment(guest, "Fragment appointment");
        Response created = api.post(
                "/api/v1/cases", secretary, Map.of("title", "Fragment case", "appointment_id", appointment.toString()));
        String reference = created.json().get("reference").asString();

        Response byGuest = secretaryPages.htmx("/cases/fragments/by-guest/" + guest);
        assertThat(byGuest.status()).isEqualTo(200);
        assertThat(byGuest.body())
                .doesNotContain("<html")
                .contains(reference)
                .contains("Fragment case")
                .contains("/cases/new?guest_id=" + guest);
        Response byAppointment = secretaryPages.htmx("/cases/fragments/by-appointment/" + appointment);
        assertThat(byAppointment.body()).contains(reference).contains("/cases/new?appointment_id=" + appointment);
        UUID lonely = records.guest("No cases", null);
        assertThat(secretaryPages.htmx("/cases/fragments/by-guest/" + lonely).body())
                .contains("Nog geen zaken.");
        assertThat(secretaryPages
                        .htmx("/cases/fragments/by-guest/" + UUID.randomUUID())
                        .status())
                .isEqualTo(404);
        assertThat(secretaryPages.htmx("/cases/fragments/by-appointment/nope").status())
                .isEqualTo(404);
    }

    @Test
    void aPassedDueDateIsMarkedUntilTheCaseIsClosed() {
        Response created = api.post(
                "/api/v1/cases", secretary, Map.of("title", OfficeRecords.unique("Late"), "due_date", "2020-01-31"));
        UUID late = UUID.fromString(created.json().get("id").asString());
        UUID onTime = openByApi(OfficeRecords.unique("On time"));
        assertThat(secretaryPages.get("/cases/" + late).body()).contains("Termijn verstreken");
        assertThat(secretaryPages.get("/cases/" + onTime).body()).doesNotContain("Termijn verstreken");
        api.post("/api/v1/cases/" + late + "/close", vp, Map.of("resolution", "Vervallen"));
        assertThat(secretaryPages.get("/cases/" + late + "?lang=en").body())
                .doesNotContain("Overdue")
                .contains("31 January 2020");
    }

    @Test
    void theOperatorHasNoCasePages() {
        PageSession adminPages = PageSession.signIn(api.base(), accounts.create(Role.ADMIN));
        Response adminCases = adminPages.get("/cases");
        assertThat(adminCases.status())
                .as(adminCases.headers("Location") + adminCases.body())
                .isEqualTo(403);
        assertThat(adminPages.get("/cases/new").status()).isEqualTo(403);
    }
}
