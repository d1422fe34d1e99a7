package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import tools.jackson.databind.JsonNode;

/**
 * Re-opening over the real API: the Vice President re-opens a closed case with a reason, the
 * office edits it with every change recorded before and after, the Vice President closes it again
 * with a new resolution, and each cycle carries its number. Every refusal changes and audits nothing.
 */
class ReopenApiIT extends IntegrationTest {

    private Account vp;
    private Account secretary;
    private OfficeRecords records;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        records = new OfficeRecords(owner());
    }

    private UUID closedCase(String title, String resolution) {
        Response created = api.post("/api/v1/cases", secretary, Map.of("title", OfficeRecords.unique(title)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        Response closed = api.post("/api/v1/cases/" + id + "/close", vp, Map.of("resolution", resolution));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        return id;
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private static String code(Response response) {
        return response.json().get("code").asString();
    }

    private JsonNode event(String type, UUID id, int nth) {
        String json = owner().sql("SELECT details::text FROM audit_logs WHERE event_type = :t AND entity_id = :id"
                        + " ORDER BY seq OFFSET :n LIMIT 1")
                .param("t", type)
                .param("id", id)
                .param("n", nth)
                .query(String.class)
                .single();
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
    }

    private Map<String, Object> row(UUID id) {
        return owner().sql("SELECT state::text, resolution, closed_at, closed_by, version FROM cases WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    @Test
    void aCaseIsReopenedEditedClosedAgainAndReopenedOnceMoreEachCycleNumbered() {
        UUID id = closedCase("Subsidie sportveld", "Afgewezen: begroting ontbreekt.");
        String reference = records.column(id, "reference");

        Response reopened = api.post(
                "/api/v1/cases/" + id + "/reopen", vp, body("reason", "De begroting is nagezonden.", "version", 1));
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        JsonNode c = reopened.json();
        assertThat(c.get("state").asString()).isEqualTo("reopened");
        assertThat(c.get("resolution").isNull()).isTrue();
        assertThat(c.get("closed_at").isNull()).isTrue();
        assertThat(c.get("closed_by").isNull()).isTrue();
        assertThat(c.get("version").asInt()).isEqualTo(2);
        JsonNode first = event("case_reopened", id, 0);
        assertThat(first.get("cycle").asInt()).isEqualTo(1);
        assertThat(first.get("reason").asString()).isEqualTo("De begroting is nagezonden.");
        assertThat(first.get("previous_resolution").asString()).isEqualTo("Afgewezen: begroting ontbreekt.");
        assertThat(first.get("reference").asString()).isEqualTo(reference);
        assertThat(first.get("changes").get("state").get("from").asString()).isEqualTo("closed");
        assertThat(first.get("changes").get("state").get("to").asString()).isEqualTo("reopened");
        assertThat(first.get("changes").get("resolution").get("from").asString())
                .isEqualTo("Afgewezen: begroting ontbreekt.");

        // while re-opened both the Vice President and a secretary edit it, each edit one event
        Response bySecretary =
                api.patch("/api/v1/cases/" + id, secretary, body("version", 2, "title", "Subsidie sportveld Latour"));
        assertThat(bySecretary.status()).as(bySecretary.toString()).isEqualTo(200);
        assertThat(bySecretary.json().get("state").asString()).isEqualTo("reopened");
        Response byVp = api.patch(
                "/api/v1/cases/" + id,
                vp,
                body("version", 3, "priority", "high", "description", "Begroting ontvangen op 2 maart."));
        assertThat(byVp.status()).as(byVp.toString()).isEqualTo(200);
        assertThat(records.events("case_updated", id)).isZero();
        assertThat(records.events("case_reopen_edit", id)).isEqualTo(2);
        JsonNode edit = event("case_reopen_edit", id, 0);
        assertThat(edit.get("cycle").asInt()).isEqualTo(1);
        assertThat(edit.get("changes").get("title").get("from").asString()).startsWith("Subsidie sportveld ");
        assertThat(edit.get("changes").get("title").get("to").asString()).isEqualTo("Subsidie sportveld Latour");
        JsonNode second = event("case_reopen_edit", id, 1);
        assertThat(second.get("changes").properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("priority", "description");
        assertThat(second.get("changes").get("priority").get("from").asString()).isEqualTo("normal");
        assertThat(second.get("changes").get("priority").get("to").asString()).isEqualTo("high");
        assertThat(second.get("changes").get("description").get("from").isNull())
                .isTrue();

        Response reclosed = api.post(
                "/api/v1/cases/" + id + "/close", vp, body("resolution", "Toegekend: 40.000 SRD.", "version", 4));
        assertThat(reclosed.status()).as(reclosed.toString()).isEqualTo(200);
        assertThat(reclosed.json().get("state").asString()).isEqualTo("closed");
        assertThat(reclosed.json().get("resolution").asString()).isEqualTo("Toegekend: 40.000 SRD.");
        assertThat(reclosed.json().get("closed_by").asString())
                .isEqualTo(vp.id().toString());
        assertThat(records.events("case_closed", id)).isEqualTo(1);
        JsonNode again = event("case_reclosed", id, 0);
        assertThat(again.get("cycle").asInt()).isEqualTo(1);
        assertThat(again.get("changes").get("state").get("from").asString()).isEqualTo("reopened");
        assertThat(again.get("changes").get("resolution").get("from").isNull()).isTrue();
        assertThat(again.get("changes").get("resolution").get("to").asString()).isEqualTo("Toegekend: 40.000 SRD.");

        Response second2 = api.post("/api/v1/cases/" + id + "/reopen", vp, body("reason", "Bezwaar van de buurman."));
        assertThat(second2.status()).as(second2.toString()).isEqualTo(200);
        JsonNode cycle2 = event("case_reopened", id, 1);
        assertThat(cycle2.get("cycle").asInt()).isEqualTo(2);
        assertThat(cycle2.get("previous_resolution").asString()).isEqualTo("Toegekend: 40.000 SRD.");
        api.patch("/api/v1/cases/" + id, secretary, body("version", 6, "due_date", "2026-12-01"));
        assertThat(event("case_reopen_edit", id, 2).get("cycle").asInt()).isEqualTo(2);

        Response history = api.get("/api/v1/cases/" + id + "/history", secretary);
        assertThat(history.status()).isEqualTo(200);
        List<String> types = history.json()
                .get("items")
                .valueStream()
                .map(e -> e.get("event_type").asString()
                        + (e.get("details").has("cycle")
                                ? " " + e.get("details").get("cycle").asInt()
                                : ""))
                .toList();
        assertThat(types)
                .containsExactly(
                        "case_created",
                        "case_closed",
                        "case_reopened 1",
                        "case_reopen_edit 1",
                        "case_reopen_edit 1",
                        "case_reclosed 1",
                        "case_reopened 2",
                        "case_reopen_edit 2");
        assertThat(history.json().get("items").get(2).get("actor_id").asString())
                .isEqualTo(vp.id().toString());
        assertThat(history.json().get("items").get(3).get("actor_id").asString())
                .isEqualTo(secretary.id().toString());

        Response listed = api.get("/api/v1/cases?state=reopened&q=" + reference, secretary);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items"))
                .singleElement()
                .satisfies(i -> assertThat(i.get("id").asString()).isEqualTo(id.toString()));
        assertThat(api.get("/api/v1/cases?state=closed&q=" + reference, secretary)
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void onlyAClosedCaseIsReopenedAndOnlyWithAReason() {
        Response created = api.post("/api/v1/cases", secretary, Map.of("title", OfficeRecords.unique("Still open")));
        UUID open = UUID.fromString(created.json().get("id").asString());
        Response notClosed = api.post("/api/v1/cases/" + open + "/reopen", vp, body("reason", "Waarom niet"));
        assertThat(notClosed.status()).isEqualTo(409);
        assertThat(code(notClosed)).isEqualTo("invalid_transition");
        assertThat(notClosed.json().get("from").asString()).isEqualTo("open");
        assertThat(notClosed.json().get("to").asString()).isEqualTo("reopened");
        api.patch("/api/v1/cases/" + open, secretary, body("version", 0, "state", "in_progress"));
        assertThat(api.post("/api/v1/cases/" + open + "/reopen", vp, body("reason", "Waarom niet"))
                        .status())
                .isEqualTo(409);

        UUID id = closedCase("Reason needed", "Besloten.");
        Map<String, Object> before = row(id);
        long events = records.allEvents(id);
        Response none = api.post("/api/v1/cases/" + id + "/reopen", vp, Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(code(none)).isEqualTo("reason_required");
        Response noBody = api.post("/api/v1/cases/" + id + "/reopen", vp, "");
        assertThat(noBody.status()).isEqualTo(400);
        Response blank = api.post("/api/v1/cases/" + id + "/reopen", vp, body("reason", " \n\t "));
        assertThat(code(blank)).isEqualTo("reason_required");
        Response tooLong = api.post("/api/v1/cases/" + id + "/reopen", vp, body("reason", "r".repeat(10_001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
        Response unknown = api.post("/api/v1/cases/" + id + "/reopen", vp, body("reason", "x", "state", "open"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("code").asString()).isEqualTo("unknown_field");
        Response notJson = api.post("/api/v1/cases/" + id + "/reopen", vp, "{reason");
        assertThat(code(notJson)).isEqualTo("malformed_body");
        Response stale = api.post("/api/v1/cases/" + id + "/reopen", vp, body("reason", "Nieuw feit", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(code(stale)).isEqualTo("stale_version");
        assertThat(stale.json().get("current_version").asInt()).isEqualTo(1);
        Response byEdit = api.patch("/api/v1/cases/" + id, vp, body("version", 1, "state", "reopened"));
        assertThat(byEdit.status()).isEqualTo(400);
        assertThat(code(byEdit)).isEqualTo("reopen_with_reason");
        Response missing = api.post("/api/v1/cases/" + UUID.randomUUID() + "/reopen", vp, body("reason", "x"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(code(missing)).isEqualTo("not_found");

        assertThat(row(id)).isEqualTo(before);
        assertThat(records.allEvents(id)).isEqualTo(events);
    }

    @Test
    void aSecretaryNeitherReopensNorClosesAgainAndNothingChangesOrIsAudited() {
        UUID id = closedCase("Not hers", "Besloten.");
        Map<String, Object> closed = row(id);
        long events = records.allEvents(id);
        Response reopen = api.post("/api/v1/cases/" + id + "/reopen", secretary, body("reason", "Graag opnieuw"));
        assertThat(reopen.status()).isEqualTo(403);
        assertThat(code(reopen)).isEqualTo("forbidden");
        Response byEdit = api.patch("/api/v1/cases/" + id, secretary, body("version", 1, "state", "reopened"));
        assertThat(byEdit.status()).isEqualTo(403);
        assertThat(row(id)).isEqualTo(closed);
        assertThat(records.allEvents(id)).isEqualTo(events);

        Account admin = accounts.create(Role.ADMIN);
        assertThat(api.post("/api/v1/cases/" + id + "/reopen", admin, body("reason", "x"))
                        .status())
                .isEqualTo(403);

        api.post("/api/v1/cases/" + id + "/reopen", vp, body("reason", "Nieuw feit"));
        Map<String, Object> reopened = row(id);
        events = records.allEvents(id);
        Response reclose = api.post("/api/v1/cases/" + id + "/close", secretary, body("resolution", "Klaar"));
        assertThat(reclose.status()).isEqualTo(403);
        assertThat(code(reclose)).isEqualTo("forbidden");
        Response closeByEdit = api.patch("/api/v1/cases/" + id, secretary, body("version", 2, "state", "closed"));
        assertThat(closeByEdit.status()).isEqualTo(403);
        assertThat(row(id)).isEqualTo(reopened);
        assertThat(records.allEvents(id)).isEqualTo(events);
    }

    @Test
    void whileReopenedAStaleEditAMoveAndAReclosingWithoutResolutionAreRefused() {
        UUID id = closedCase("Reopened rules", "Besloten.");
        api.post("/api/v1/cases/" + id + "/reopen", vp, body("reason", "Nieuw feit"));
        api.patch("/api/v1/cases/" + id, secretary, body("version", 2, "title", "Changed first"));
        Map<String, Object> before = row(id);
        long events = records.allEvents(id);

        Response stale = api.patch("/api/v1/cases/" + id, vp, body("version", 2, "title", "Changed second"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(code(stale)).isEqualTo("stale_version");
        assertThat(stale.json().get("current_version").asInt()).isEqualTo(3);
        for (String state : List.of("open", "in_progress")) {
            Response move = api.patch("/api/v1/cases/" + id, secretary, body("version", 3, "state", state));
            assertThat(move.status()).as(state).isEqualTo(409);
            assertThat(code(move)).isEqualTo("invalid_transition");
            assertThat(move.json().get("from").asString()).isEqualTo("reopened");
        }
        Response again = api.post("/api/v1/cases/" + id + "/reopen", vp, body("reason", "Nog eens"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(code(again)).isEqualTo("invalid_transition");
        Response noResolution = api.post("/api/v1/cases/" + id + "/close", vp, Map.of());
        assertThat(noResolution.status()).isEqualTo(400);
        assertThat(code(noResolution)).isEqualTo("resolution_required");
        Response blank = api.post("/api/v1/cases/" + id + "/close", vp, body("resolution", "   "));
        assertThat(code(blank)).isEqualTo("resolution_required");
        Response staleClose = api.post("/api/v1/cases/" + id + "/close", vp, body("resolution", "Klaar", "version", 2));
        assertThat(code(staleClose)).isEqualTo("stale_version");
        Response byEdit = api.patch("/api/v1/cases/" + id, vp, body("version", 3, "state", "closed"));
        assertThat(code(byEdit)).isEqualTo("close_with_resolution");

        assertThat(row(id)).isEqualTo(before);
        assertThat(records.column(id, "title")).isEqualTo("Changed first");
        assertThat(records.allEvents(id)).isEqualTo(events);
    }

    @Test
    void aCaseNeverReopenedAnswersAsBefore() {
        Response created = api.post("/api/v1/cases", secretary, Map.of("title", OfficeRecords.unique("Plain")));
        UUID id = UUID.fromString(created.json().get("id").asString());
        api.patch("/api/v1/cases/" + id, secretary, body("version", 0, "title", "Plain edited"));
        assertThat(records.events("case_updated", id)).isEqualTo(1);
        assertThat(event("case_updated", id, 0).has("cycle")).isFalse();
        api.post("/api/v1/cases/" + id + "/close", vp, body("resolution", "Klaar"));
        assertThat(event("case_closed", id, 0).has("cycle")).isFalse();
        assertThat(records.events("case_reclosed", id)).isZero();
        assertThat(api.get("/api/v1/cases/" + id, vp).json().properties())
                .extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder(OfficeRecords.CASE_FIELDS);
    }
}
