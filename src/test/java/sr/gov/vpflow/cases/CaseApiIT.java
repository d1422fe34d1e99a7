package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import tools.jackson.databind.JsonNode;

class CaseApiIT extends IntegrationTest {

    private Account vp;
    private Account secretary;
    private OfficeRecords records;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        records = new OfficeRecords(owner());
    }

    private JsonNode open(Account as, Map<String, Object> body) {
        Response created = api.post("/api/v1/cases", as, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private JsonNode open(String title) {
        return open(secretary, Map.of("title", title));
    }

    private static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
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

    @Test
    void aSecretaryOpensACaseWithAReadableReferenceAndItIsAudited() {
        UUID guest = records.guest("Ravi Ramdin", "Ministerie van Financiën");
        String title = OfficeRecords.unique("Subsidieaanvraag");
        Response created = api.post(
                "/api/v1/cases",
                secretary,
                body(
                        "title",
                        "  " + title + "  ",
                        "description",
                        "Aanvraag voor het buurthuis",
                        "priority",
                        "high",
                        "due_date",
                        "2026-09-30",
                        "guest_id",
                        guest.toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.propertyNames()).containsExactlyInAnyOrder(OfficeRecords.CASE_FIELDS);
        assertThat(created.header("Location"))
                .isEqualTo("/api/v1/cases/" + c.get("id").asString());
        int year = OfficeTime.today(java.time.Clock.systemUTC()).getYear();
        assertThat(c.get("reference").asString()).matches("VP-" + year + "-\\d{4,}");
        assertThat(c.get("title").asString()).isEqualTo(title);
        assertThat(c.get("state").asString()).isEqualTo("open");
        assertThat(c.get("priority").asString()).isEqualTo("high");
        assertThat(c.get("due_date").asString()).isEqualTo("2026-09-30");
        assertThat(c.get("guest_id").asString()).isEqualTo(guest.toString());
        assertThat(c.get("guest").get("full_name").asString()).isEqualTo("Ravi Ramdin");
        assertThat(c.get("guest").get("organisation").asString()).isEqualTo("Ministerie van Financiën");
        assertThat(c.get("appointment").isNull()).isTrue();
        assertThat(c.get("version").asInt()).isZero();
        assertThat(c.get("created_by").asString()).isEqualTo(secretary.id().toString());
        assertThat(c.get("created_at").asString()).endsWith("-03:00");

        UUID id = id(c);
        assertThat(api.get("/api/v1/cases/" + id, vp).json().get("reference").asString())
                .isEqualTo(c.get("reference").asString());
        Map<String, Object> event = owner().sql("""
                        SELECT actor_id, actor_role, details->>'reference' AS reference,
                               details->'values'->>'title' AS title, details->'values'->>'priority' AS priority,
                               details->'labels'->>CAST(:guest AS text) AS guest_label
                        FROM audit_logs WHERE event_type = 'case_created' AND entity_id = :id""")
                .param("id", id)
                .param("guest", guest.toString())
                .query()
                .singleRow();
        assertThat(event.get("actor_id")).isEqualTo(secretary.id());
        assertThat(event.get("actor_role")).isEqualTo("secretary");
        assertThat(event.get("reference")).isEqualTo(c.get("reference").asString());
        assertThat(event.get("title")).isEqualTo(title);
        assertThat(event.get("priority")).isEqualTo("high");
        assertThat(event.get("guest_label")).isEqualTo("Ravi Ramdin (Ministerie van Financiën)");
    }

    @Test
    void aCaseOpenedFromAnAppointmentTakesTheAppointmentsGuestAndAnotherGuestIsRefused() {
        UUID guest = records.guest("Anjali Sewdien", null);
        UUID other = records.guest("Other Guest", null);
        UUID appointment = records.appointment(guest, "Kennismaking");
        JsonNode c = open(secretary, body("title", "Uit de afspraak", "appointment_id", appointment.toString()));
        assertThat(c.get("guest_id").asString()).isEqualTo(guest.toString());
        assertThat(c.get("appointment_id").asString()).isEqualTo(appointment.toString());
        assertThat(c.get("appointment").get("subject").asString()).isEqualTo("Kennismaking");
        assertThat(c.get("appointment").get("starts_at").asString()).endsWith("-03:00");

        String title = OfficeRecords.unique("Mismatch");
        Response mismatch = api.post(
                "/api/v1/cases",
                secretary,
                body("title", title, "appointment_id", appointment.toString(), "guest_id", other.toString()));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(code(mismatch)).isEqualTo("validation_failed");
        assertThat(mismatch.json().get("errors").get(0).get("field").asString()).isEqualTo("guest_id");
        assertThat(mismatch.json().get("errors").get(0).get("code").asString()).isEqualTo("guest_mismatch");
        assertThat(records.casesTitled(title)).isZero();
    }

    @Test
    void unknownGuestsAndAppointmentsAreNotFoundAndNothingIsWritten() {
        String title = OfficeRecords.unique("Unknown links");
        Response guest = api.post("/api/v1/cases", secretary, body("title", title, "guest_id", UUID.randomUUID()));
        assertThat(guest.status()).isEqualTo(404);
        assertThat(guest.header("Content-Type")).startsWith("application/problem+json");
        assertThat(code(guest)).isEqualTo("guest_not_found");
        Response appointment =
                api.post("/api/v1/cases", secretary, body("title", title, "appointment_id", UUID.randomUUID()));
        assertThat(appointment.status()).isEqualTo(404);
        assertThat(code(appointment)).isEqualTo("appointment_not_found");
        assertThat(records.casesTitled(title)).isZero();

        UUID id = id(open(OfficeRecords.unique("Edit link")));
        Response edit = api.patch("/api/v1/cases/" + id, secretary, body("version", 0, "guest_id", UUID.randomUUID()));
        assertThat(edit.status()).isEqualTo(404);
        assertThat(code(edit)).isEqualTo("guest_not_found");
        assertThat(records.column(id, "version")).isEqualTo("0");
        assertThat(records.events("case_updated", id)).isZero();
    }

    @Test
    void badFieldsAreRefusedWithTheirFieldsNamedAndNothingIsWritten() {
        String tooLong = "x".repeat(201);
        Response longTitle = api.post("/api/v1/cases", secretary, body("title", tooLong));
        assertThat(longTitle.status()).isEqualTo(400);
        assertThat(code(longTitle)).isEqualTo("validation_failed");
        JsonNode error = longTitle.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("title");
        assertThat(error.get("code").asString()).isEqualTo("too_long");
        assertThat(error.get("max").asInt()).isEqualTo(200);
        assertThat(records.casesTitled(tooLong)).isZero();

        String title = OfficeRecords.unique("Bad fields");
        Response several = api.post(
                "/api/v1/cases",
                secretary,
                body(
                        "title",
                        title,
                        "description",
                        "d".repeat(10_001),
                        "priority",
                        "extreme",
                        "due_date",
                        "31-12-2026",
                        "guest_id",
                        "not-a-uuid",
                        "reference",
                        "VP-1999-0001"));
        assertThat(several.status()).isEqualTo(400);
        assertThat(several.json()
                        .get("errors")
                        .valueStream()
                        .map(e ->
                                e.get("field").asString() + ":" + e.get("code").asString())
                        .toList())
                .containsExactlyInAnyOrder(
                        "description:too_long",
                        "priority:invalid_value",
                        "due_date:invalid_date",
                        "guest_id:invalid_id",
                        "reference:unknown_field");
        Response longDescription =
                api.post("/api/v1/cases", secretary, body("title", title, "description", "d".repeat(10_001)));
        assertThat(longDescription.json().get("errors").get(0).get("field").asString())
                .isEqualTo("description");
        Response blank = api.post("/api/v1/cases", secretary, body("title", "   "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("errors").get(0).get("code").asString()).isEqualTo("required");
        Response malformed = api.post("/api/v1/cases", secretary, "{\"title\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(code(malformed)).isEqualTo("malformed_body");
        assertThat(records.casesTitled(title)).isZero();
    }

    @Test
    void malformedAndUnknownIdsAnswerProblemDetails() {
        Response malformed = api.get("/api/v1/cases/not-a-uuid", secretary);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(code(malformed)).isEqualTo("invalid_parameter");
        Response patchMalformed = api.patch("/api/v1/cases/12345", secretary, body("version", 0));
        assertThat(patchMalformed.status()).isEqualTo(400);
        assertThat(code(patchMalformed)).isEqualTo("invalid_parameter");
        Response missing = api.get("/api/v1/cases/" + UUID.randomUUID(), secretary);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(code(missing)).isEqualTo("not_found");
        assertThat(api.patch("/api/v1/cases/" + UUID.randomUUID(), secretary, body("version", 0))
                        .status())
                .isEqualTo(404);
        assertThat(code(api.get("/api/v1/cases?guest_id=nope", secretary))).isEqualTo("invalid_parameter");
        assertThat(code(api.get("/api/v1/cases?state=done", secretary))).isEqualTo("invalid_parameter");
        assertThat(code(api.get("/api/v1/cases?cursor=!!", secretary))).isEqualTo("invalid_cursor");
        assertThat(code(api.get("/api/v1/cases?limit=500", secretary))).isEqualTo("invalid_limit");
    }

    @Test
    void anEditRecordsEachChangedFieldWithItsBeforeAndAfterValue() {
        UUID guest = records.guest("Guest Before", null);
        UUID newGuest = records.guest("Guest After", "Kabinet");
        JsonNode c = open(secretary, body("title", "Oude titel", "guest_id", guest.toString()));
        UUID id = id(c);

        Response edited = api.patch(
                "/api/v1/cases/" + id,
                secretary,
                body(
                        "version",
                        0,
                        "title",
                        "Nieuwe titel",
                        "due_date",
                        "2026-12-01",
                        "priority",
                        "urgent",
                        "guest_id",
                        newGuest.toString(),
                        "description",
                        null));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("version").asInt()).isEqualTo(1);
        assertThat(edited.json().get("title").asString()).isEqualTo("Nieuwe titel");
        assertThat(edited.json().get("updated_by").asString())
                .isEqualTo(secretary.id().toString());

        String changes = owner().sql(
                        "SELECT details->'changes' FROM audit_logs WHERE event_type = 'case_updated' AND entity_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        JsonNode parsed =
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(changes);
        assertThat(parsed.propertyNames()).containsExactlyInAnyOrder("title", "priority", "due_date", "guest_id");
        assertThat(parsed.get("title").get("from").asString()).isEqualTo("Oude titel");
        assertThat(parsed.get("title").get("to").asString()).isEqualTo("Nieuwe titel");
        assertThat(parsed.get("due_date").get("from").isNull()).isTrue();
        assertThat(parsed.get("due_date").get("to").asString()).isEqualTo("2026-12-01");
        assertThat(parsed.get("priority").get("from").asString()).isEqualTo("normal");
        assertThat(parsed.get("guest_id").get("from").asString()).isEqualTo(guest.toString());
        assertThat(owner().sql("SELECT details->'labels'->>CAST(:g AS text) FROM audit_logs"
                                + " WHERE event_type = 'case_updated' AND entity_id = :id")
                        .param("g", guest.toString())
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("Guest Before");

        Response unchanged = api.patch("/api/v1/cases/" + id, secretary, body("version", 1, "title", "Nieuwe titel"));
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.json().get("version").asInt()).isEqualTo(1);
        assertThat(records.events("case_updated", id)).isEqualTo(1);
    }

    @Test
    void aStaleVersionIsAConflictAndOverwritesNothing() {
        UUID id = id(open(OfficeRecords.unique("Concurrent edit")));
        Response first = api.patch("/api/v1/cases/" + id, secretary, body("version", 0, "title", "Eerste wijziging"));
        assertThat(first.status()).isEqualTo(200);
        Response second = api.patch("/api/v1/cases/" + id, vp, body("version", 0, "title", "Tweede wijziging"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(code(second)).isEqualTo("stale_version");
        assertThat(second.json().get("current_version").asInt()).isEqualTo(1);
        assertThat(records.column(id, "title")).isEqualTo("Eerste wijziging");
        assertThat(records.column(id, "version")).isEqualTo("1");
        assertThat(records.events("case_updated", id)).isEqualTo(1);

        Response staleMove = api.patch("/api/v1/cases/" + id, secretary, body("version", 0, "state", "in_progress"));
        assertThat(code(staleMove)).isEqualTo("stale_version");
        assertThat(records.column(id, "state")).isEqualTo("open");

        Response noVersion = api.patch("/api/v1/cases/" + id, secretary, body("title", "Zonder versie"));
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(code(noVersion)).isEqualTo("version_required");
        assertThat(records.column(id, "title")).isEqualTo("Eerste wijziging");
    }

    @Test
    void aCaseMovesBetweenOpenAndInProgressAndEachMoveIsAudited() {
        UUID id = id(open(OfficeRecords.unique("Moves")));
        Response started = api.patch("/api/v1/cases/" + id, secretary, body("version", 0, "state", "in_progress"));
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().get("state").asString()).isEqualTo("in_progress");
        Response back = api.patch("/api/v1/cases/" + id, secretary, body("version", 1, "state", "open"));
        assertThat(back.json().get("state").asString()).isEqualTo("open");
        assertThat(records.events("case_state_changed", id)).isEqualTo(2);
        assertThat(records.events("case_updated", id)).isZero();
        assertThat(owner().sql("SELECT string_agg(details->'changes'->'state'->>'from' || '>'"
                                + " || (details->'changes'->'state'->>'to'), ',' ORDER BY seq) FROM audit_logs"
                                + " WHERE event_type = 'case_state_changed' AND entity_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("open>in_progress,in_progress>open");
        Response bad = api.patch("/api/v1/cases/" + id, secretary, body("version", 2, "state", "archived"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asString()).isEqualTo("state");
    }

    @Test
    void theVpClosesACaseWithAResolutionAndAClosedCaseStaysClosed() {
        UUID id = id(open(OfficeRecords.unique("To close")));
        api.patch("/api/v1/cases/" + id, secretary, body("version", 0, "state", "in_progress"));

        Response closed =
                api.post("/api/v1/cases/" + id + "/close", vp, body("resolution", "Toegekend door de Vicepresident."));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        JsonNode c = closed.json();
        assertThat(c.get("state").asString()).isEqualTo("closed");
        assertThat(c.get("resolution").asString()).isEqualTo("Toegekend door de Vicepresident.");
        assertThat(c.get("closed_by").asString()).isEqualTo(vp.id().toString());
        assertThat(c.get("closed_by_display_name").asString()).isEqualTo(vp.displayName());
        assertThat(c.get("closed_at").asString()).endsWith("-03:00");
        assertThat(records.events("case_closed", id)).isEqualTo(1);
        assertThat(owner().sql("SELECT details->'changes'->'state'->>'from' || '>'"
                                + " || (details->'changes'->'resolution'->>'to') FROM audit_logs"
                                + " WHERE event_type = 'case_closed' AND entity_id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("in_progress>Toegekend door de Vicepresident.");
        long events = records.allEvents(id);

        Response reopen = api.patch("/api/v1/cases/" + id, vp, body("version", 2, "state", "in_progress"));
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(code(reopen)).isEqualTo("invalid_transition");
        assertThat(reopen.json().get("from").asString()).isEqualTo("closed");
        Response edit = api.patch("/api/v1/cases/" + id, vp, body("version", 2, "title", "Later"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(code(edit)).isEqualTo("case_closed");
        Response again = api.post("/api/v1/cases/" + id + "/close", vp, body("resolution", "Nog eens"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(code(again)).isEqualTo("invalid_transition");
        Response bySecretary = api.patch("/api/v1/cases/" + id, secretary, body("version", 2, "state", "open"));
        assertThat(bySecretary.status()).isEqualTo(409);

        assertThat(records.column(id, "state")).isEqualTo("closed");
        assertThat(records.column(id, "title")).doesNotContain("Later");
        assertThat(records.column(id, "resolution")).isEqualTo("Toegekend door de Vicepresident.");
        assertThat(records.allEvents(id)).isEqualTo(events);
    }

    @Test
    void aSecretaryCannotCloseACaseAndNothingChanges() {
        UUID id = id(open(OfficeRecords.unique("Not hers to close")));
        Response close = api.post("/api/v1/cases/" + id + "/close", secretary, body("resolution", "Afgehandeld"));
        assertThat(close.status()).isEqualTo(403);
        assertThat(code(close)).isEqualTo("forbidden");
        Response patch = api.patch("/api/v1/cases/" + id, secretary, body("version", 0, "state", "closed"));
        assertThat(patch.status()).isEqualTo(403);
        assertThat(records.column(id, "state")).isEqualTo("open");
        assertThat(records.column(id, "resolution")).isNull();
        assertThat(records.column(id, "version")).isEqualTo("0");
        assertThat(records.events("case_closed", id)).isZero();
        assertThat(records.allEvents(id)).isEqualTo(1);

        Response byVpPatch = api.patch("/api/v1/cases/" + id, vp, body("version", 0, "state", "closed"));
        assertThat(byVpPatch.status()).isEqualTo(400);
        assertThat(code(byVpPatch)).isEqualTo("close_with_resolution");
    }

    @Test
    void closingWithoutAResolutionOrOnAStaleVersionIsRefused() {
        UUID id = id(open(OfficeRecords.unique("Resolution needed")));
        Response none = api.post("/api/v1/cases/" + id + "/close", vp, Map.of());
        assertThat(none.status()).isEqualTo(400);
        assertThat(code(none)).isEqualTo("resolution_required");
        Response blank = api.post("/api/v1/cases/" + id + "/close", vp, body("resolution", "  \n "));
        assertThat(code(blank)).isEqualTo("resolution_required");
        Response tooLong = api.post("/api/v1/cases/" + id + "/close", vp, body("resolution", "r".repeat(10_001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("resolution");
        api.patch("/api/v1/cases/" + id, secretary, body("version", 0, "title", "Changed meanwhile"));
        Response stale = api.post("/api/v1/cases/" + id + "/close", vp, body("resolution", "Klaar", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(code(stale)).isEqualTo("stale_version");
        assertThat(records.column(id, "state")).isEqualTo("open");
        assertThat(records.events("case_closed", id)).isZero();
    }

    @Test
    void theHistoryListsTheEventsOfACaseOldestFirst() {
        UUID id = id(open(OfficeRecords.unique("History")));
        api.patch("/api/v1/cases/" + id, secretary, body("version", 0, "title", "History edited"));
        api.patch("/api/v1/cases/" + id, secretary, body("version", 1, "state", "in_progress"));
        api.post("/api/v1/cases/" + id + "/close", vp, body("resolution", "Besloten"));

        Response history = api.get("/api/v1/cases/" + id + "/history", secretary);
        assertThat(history.status()).isEqualTo(200);
        List<String> types = history.json()
                .get("items")
                .valueStream()
                .map(e -> e.get("event_type").asString())
                .toList();
        assertThat(types).containsExactly("case_created", "case_updated", "case_state_changed", "case_closed");
        JsonNode closed = history.json().get("items").get(3);
        assertThat(closed.get("actor_id").asString()).isEqualTo(vp.id().toString());
        assertThat(closed.get("actor_display_name").asString()).isEqualTo(vp.displayName());
        assertThat(closed.get("actor_role").asString()).isEqualTo("vp");
        assertThat(closed.get("occurred_at").asString()).endsWith("-03:00");

        Response firstTwo = api.get("/api/v1/cases/" + id + "/history?limit=2", secretary);
        assertThat(firstTwo.json().get("items")).hasSize(2);
        Response rest = api.get(
                "/api/v1/cases/" + id + "/history?limit=2&cursor="
                        + firstTwo.json().get("next_cursor").asString(),
                secretary);
        assertThat(rest.json().get("items").get(0).get("event_type").asString()).isEqualTo("case_state_changed");
        assertThat(api.get("/api/v1/cases/" + UUID.randomUUID() + "/history", secretary)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void casesAreListedNewestFirstAndFilteredByStateGuestAppointmentAndText() {
        String word = "Zoekwoord" + UUID.randomUUID().toString().substring(0, 6);
        UUID guest = records.guest("List Guest", null);
        UUID appointment = records.appointment(guest, "List appointment");
        UUID a = id(open(secretary, body("title", word + " één", "guest_id", guest.toString())));
        UUID b = id(open(secretary, body("title", word + " twee", "appointment_id", appointment.toString())));
        UUID c = id(open(secretary, body("title", word.toUpperCase() + " drie")));
        api.patch("/api/v1/cases/" + c, secretary, body("version", 0, "state", "in_progress"));

        assertThat(ids(api.get("/api/v1/cases?q=" + word.toLowerCase(), secretary)))
                .containsExactly(c, b, a);
        assertThat(ids(api.get("/api/v1/cases?q=" + word + "%20EEN", secretary)))
                .containsExactly(a);
        assertThat(ids(api.get("/api/v1/cases?state=in_progress&q=" + word, secretary)))
                .containsExactly(c);
        assertThat(ids(api.get("/api/v1/cases?guest_id=" + guest, secretary))).containsExactly(b, a);
        assertThat(ids(api.get("/api/v1/cases?appointment_id=" + appointment, secretary)))
                .containsExactly(b);
        String reference =
                api.get("/api/v1/cases/" + b, secretary).json().get("reference").asString();
        assertThat(ids(api.get("/api/v1/cases?q=" + reference.toLowerCase(), secretary)))
                .containsExactly(b);
        assertThat(ids(api.get("/api/v1/cases?q=%25", secretary)))
                .as("a wildcard is searched for literally")
                .doesNotContain(a, b, c);

        Response first = api.get("/api/v1/cases?limit=2&q=" + word, secretary);
        assertThat(ids(first)).containsExactly(c, b);
        Response second = api.get(
                "/api/v1/cases?limit=2&q=" + word + "&cursor="
                        + first.json().get("next_cursor").asString(),
                secretary);
        assertThat(ids(second)).containsExactly(a);
        assertThat(second.json().get("next_cursor").isNull()).isTrue();
    }

    private static List<UUID> ids(Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json()
                .get("items")
                .valueStream()
                .map(n -> UUID.fromString(n.get("id").asString()))
                .toList();
    }

    @Test
    void theAdministratorSeesNoCasesAndStrangersAreAskedToSignIn() {
        Account admin = accounts.create(Role.ADMIN);
        UUID id = id(open(OfficeRecords.unique("Not for the operator")));
        Response list = api.get("/api/v1/cases", admin);
        assertThat(list.status()).isEqualTo(403);
        assertThat(code(list)).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/cases/" + id, admin).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/cases", admin, body("title", "x")).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/cases/" + id + "/history", admin).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/cases").status()).isEqualTo(401);
    }

    @Test
    void theDueDateIsADateAndThePriorityDefaultsToNormal() {
        JsonNode c = open(secretary, body("title", OfficeRecords.unique("Defaults"), "due_date", "2027-01-15"));
        assertThat(c.get("priority").asString()).isEqualTo("normal");
        assertThat(LocalDate.parse(c.get("due_date").asString())).isEqualTo(LocalDate.of(2027, 1, 15));
        Response cleared = api.patch("/api/v1/cases/" + id(c), secretary, body("version", 0, "due_date", ""));
        assertThat(cleared.json().get("due_date").isNull()).isTrue();
    }
}
