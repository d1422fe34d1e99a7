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
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * A case's timeline holds, besides its own events, those of the documents linked to it from the
 * moment of their link on, each as its viewer may see them: a secretary never sees the events of
 * a Vice President's document. The documents, links and document events are written here the way
 * the documents module writes them: by the acting roles, under row-level security.
 */
class CaseTimelineIT extends IntegrationTest {

    private Account vp;
    private Account secretary;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
    }

    private UUID document(Account by, String title) {
        UUID id = as(
                by,
                () -> jdbc.sql("INSERT INTO documents (title, file_path, file_type, file_size, owner_role)"
                                + " VALUES (:title, 'sha256/ab/timeline', 'application/pdf', 12, CAST(:role AS"
                                + " document_owner_role)) RETURNING id")
                        .param("title", title)
                        .param("role", by.role().code())
                        .query(UUID.class)
                        .single());
        event(by, "document_uploaded", id, title);
        return id;
    }

    private void link(Account by, UUID document, UUID caseId, String title) {
        as(by, () -> {
            jdbc.sql("INSERT INTO document_links (document_id, entity_type, entity_id) VALUES (:d, 'case', :c)")
                    .param("d", document)
                    .param("c", caseId)
                    .update();
            return recordEvent("document_linked", document, title);
        });
    }

    private void event(Account by, String type, UUID document, String title) {
        as(by, () -> recordEvent(type, document, title));
    }

    private int recordEvent(String type, UUID document, String title) {
        return jdbc.sql("INSERT INTO audit_logs (event_type, entity_type, entity_id, details)"
                        + " VALUES (:t, 'document', :d, jsonb_build_object('title', CAST(:title AS text)))")
                .param("t", type)
                .param("d", document)
                .param("title", title)
                .update();
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

        UUID memoId = document(secretary, memo);
        link(secretary, memoId, caseId, memo);
        event(vp, "document_viewed", memoId, memo);
        UUID noteId = document(vp, note);
        link(vp, noteId, caseId, note);
        event(vp, "document_downloaded", noteId, note);
        UUID otherId = document(secretary, elsewhere);
        event(secretary, "document_viewed", otherId, elsewhere);
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
