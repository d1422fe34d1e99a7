package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.TestAccounts.Account;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.json.JsonMapper;

/**
 * A case's timeline holds, besides its own events, those of the documents linked to it from the
 * moment of their link on, each as its viewer may see them: a secretary never sees the events of
 * a Vice President's document. Documents are uploaded, linked, viewed and downloaded through the
 * documents API.
 */
class CaseTimelineIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private Account vp;
    private Account secretary;
    private Uploads uploads;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        uploads = new Uploads(api.base());
    }

    private UUID document(Account by, String title) {
        var uploaded = uploads.upload(by, Uploads.body(title, "stuk.pdf", "application/pdf", Samples.pdf()));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        return UUID.fromString(JSON.readTree(uploaded.body()).get("id").asString());
    }

    private void link(Account by, UUID document, UUID caseId) {
        Response linked = api.post(
                "/api/v1/documents/" + document + "/links",
                by,
                Map.of("entity_type", "case", "entity_id", caseId.toString()));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
    }

    /** {@code inline} is a view (document_viewed), {@code attachment} a download (document_downloaded). */
    private void read(Account by, UUID document, String disposition) {
        assertThat(uploads.content(by, document, "disposition=" + disposition).statusCode())
                .isEqualTo(200);
    }

    private List<String> timeline(Account as, UUID caseId) {
        Response history = api.get("/api/v1/cases/" + caseId + "/history", as);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        return history.json()
                .get("items")
                .valueStream()
                .map(e -> e.get("event_type").asString()
                        + (e.get("entity_type").asString().equals("document")
                                ? " " + e.get("details").get("title").asString()
                                : ""))
                .toList();
    }

    @Test
    void theTimelineShowsTheLinkedDocumentsEventsThatTheReaderMaySee() {
        Response created = api.post("/api/v1/cases", secretary, Map.of("title", OfficeRecords.unique("Dossier")));
        UUID caseId = UUID.fromString(created.json().get("id").asString());
        String memo = OfficeRecords.unique("Memo secretariaat");
        String note = OfficeRecords.unique("Notitie Vicepresident");
        String elsewhere = OfficeRecords.unique("Ander dossier");

        UUID memoId = document(secretary, memo); // uploaded before its link: not in the case's timeline
        link(secretary, memoId, caseId);
        read(vp, memoId, "inline");
        UUID noteId = document(vp, note);
        link(vp, noteId, caseId);
        read(vp, noteId, "attachment");
        UUID otherId = document(secretary, elsewhere);
        read(secretary, otherId, "inline");
        api.post("/api/v1/cases/" + caseId + "/close", vp, Map.of("resolution", "Afgehandeld"));

        assertThat(timeline(vp, caseId))
                .containsExactly(
                        "case_created",
                        "document_linked " + memo,
                        "document_viewed " + memo,
                        "document_linked " + note,
                        "document_downloaded " + note,
                        "case_closed");
        assertThat(timeline(secretary, caseId))
                .containsExactly("case_created", "document_linked " + memo, "document_viewed " + memo, "case_closed");
        // paging runs over the whole timeline
        Response page = api.get("/api/v1/cases/" + caseId + "/history?limit=2", vp);
        Response rest = api.get(
                "/api/v1/cases/" + caseId + "/history?limit=10&cursor="
                        + page.json().get("next_cursor").asString(),
                vp);
        assertThat(rest.json().get("items")).hasSize(4);

        String vpPage =
                PageSession.signIn(api.base(), vp).get("/cases/" + caseId).body();
        assertThat(vpPage)
                .contains("Document " + memo + " gekoppeld")
                .contains("Document " + memo + " bekeken")
                .contains("Document " + note + " gedownload")
                .doesNotContain(elsewhere);
        String secretaryPage = PageSession.signIn(api.base(), secretary)
                .get("/cases/" + caseId + "?lang=en")
                .body();
        assertThat(secretaryPage)
                .contains("Document " + memo + " linked")
                .contains("Document " + memo + " viewed")
                .doesNotContain(note)
                .doesNotContain(elsewhere);
    }
}
