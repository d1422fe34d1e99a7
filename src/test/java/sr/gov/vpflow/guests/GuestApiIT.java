package sr.gov.vpflow.guests;

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

class GuestApiIT extends IntegrationTest {

    private Account secretary;
    private Account vp;

    @BeforeEach
    void accounts() {
        secretary = accounts.create(Role.SECRETARY);
        vp = accounts.create(Role.VP);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private JsonNode create(Account as, Map<String, Object> guest) {
        Response created = api.post("/api/v1/guests", as, guest);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private long guestRows() {
        return owner().sql("SELECT count(*) FROM guests").query(Long.class).single();
    }

    private long guestEvents() {
        return owner().sql("SELECT count(*) FROM audit_logs WHERE entity_type = 'guest'")
                .query(Long.class)
                .single();
    }

    private List<Map<String, Object>> events(UUID guest) {
        return owner().sql("SELECT event_type, actor_id, details::text AS details FROM audit_logs"
                        + " WHERE entity_id = :id ORDER BY seq")
                .param("id", guest)
                .query()
                .listOfRows();
    }

    @Test
    void aSecretaryRegistersAGuestAndTheEventIsAudited() {
        String name = "Anjali Séwdien " + unique();
        Response created = api.post(
                "/api/v1/guests",
                secretary,
                Map.of(
                        "full_name", "  " + name + " ",
                        "honorific", "Mevr.",
                        "organisation", "Ministerie van Financiën",
                        "email", "a.sewdien@example.sr",
                        "phone", "+597 471234"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode guest = created.json();
        UUID id = UUID.fromString(guest.get("id").asString());
        assertThat(created.header("Location")).isEqualTo("/api/v1/guests/" + id);
        assertThat(guest.get("full_name").asString()).isEqualTo(name);
        assertThat(guest.get("organisation").asString()).isEqualTo("Ministerie van Financiën");
        assertThat(guest.get("position").isNull()).isTrue();
        assertThat(guest.get("archived_at").isNull()).isTrue();
        assertThat(guest.get("version").asInt()).isZero();
        assertThat(guest.get("created_at").asString()).endsWith("-03:00");
        assertThat(guest.has("archived")).isFalse();

        assertThat(api.get("/api/v1/guests/" + id, vp).json().get("full_name").asString())
                .isEqualTo(name);
        List<Map<String, Object>> events = events(id);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("event_type")).isEqualTo("guest_created");
        assertThat(events.get(0).get("actor_id")).isEqualTo(secretary.id());
        assertThat((String) events.get(0).get("details"))
                .contains("\"full_name\": {\"to\": \"" + name + "\", \"from\": null}")
                .contains("\"channel\": \"api\"");
    }

    @Test
    void searchIgnoresAccentsAndCaseInNameAndOrganisation() {
        String tag = unique();
        UUID sewdien = UUID.fromString(
                create(secretary, Map.of("full_name", "Séwdien " + tag, "organisation", "Stichting Wégwijs"))
                        .get("id")
                        .asString());
        UUID other =
                UUID.fromString(create(secretary, Map.of("full_name", "Ramdin " + tag, "organisation", "Ćentrale Bank"))
                        .get("id")
                        .asString());

        assertThat(ids(api.get("/api/v1/guests?q=sewdien%20" + tag, vp))).containsExactly(sewdien);
        assertThat(ids(api.get("/api/v1/guests?q=SEWDIEN%20" + tag, secretary))).containsExactly(sewdien);
        assertThat(ids(api.get("/api/v1/guests?q=wegwijs%20" + tag, secretary))).containsExactly(sewdien);
        assertThat(ids(api.get("/api/v1/guests?q=centrale%20" + tag, secretary)))
                .containsExactly(other);
        assertThat(ids(api.get("/api/v1/guests?q=" + tag, secretary))).containsExactly(other, sewdien);
        // LIKE wildcards are searched for literally
        assertThat(ids(api.get("/api/v1/guests?q=%25%20" + tag, secretary))).isEmpty();
        assertThat(ids(api.get("/api/v1/guests?q=nobody-" + tag, secretary))).isEmpty();
    }

    @Test
    void searchResultsComeInPages() {
        String tag = unique();
        for (String name : List.of("Abena", "Bhola", "Çairo", "Dewnarain")) {
            create(secretary, Map.of("full_name", name + " " + tag));
        }
        Response first = api.get("/api/v1/guests?limit=3&q=" + tag, secretary);
        assertThat(names(first)).containsExactly("Abena " + tag, "Bhola " + tag, "Çairo " + tag);
        String cursor = first.json().get("next_cursor").asString();
        Response second = api.get("/api/v1/guests?limit=3&q=" + tag + "&cursor=" + cursor, secretary);
        assertThat(names(second)).containsExactly("Dewnarain " + tag);
        assertThat(second.json().get("next_cursor").isNull()).isTrue();
        Response badCursor = api.get("/api/v1/guests?cursor=bm9wZQ", secretary);
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().get("code").asString()).isEqualTo("invalid_cursor");
        assertThat(api.get("/api/v1/guests?limit=500", secretary)
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("invalid_limit");
    }

    @Test
    void anEditKeepsWhatWasNotSentAuditsBeforeAndAfterAndRefusesAStaleVersion() {
        JsonNode guest = create(secretary, Map.of("full_name", "Kishan Jagessar " + unique(), "position", "Directeur"));
        UUID id = UUID.fromString(guest.get("id").asString());

        Response edited = api.patch(
                "/api/v1/guests/" + id, vp, "{\"organisation\": \"Staatsolie\", \"position\": null, \"version\": 0}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("organisation").asString()).isEqualTo("Staatsolie");
        assertThat(edited.json().get("position").isNull()).isTrue();
        assertThat(edited.json().get("full_name").asString())
                .isEqualTo(guest.get("full_name").asString());
        assertThat(edited.json().get("version").asInt()).isEqualTo(1);
        String details = (String) events(id).get(1).get("details");
        assertThat(events(id).get(1).get("event_type")).isEqualTo("guest_updated");
        assertThat(details)
                .contains("\"organisation\": {\"to\": \"Staatsolie\", \"from\": null}")
                .contains("\"position\": {\"to\": null, \"from\": \"Directeur\"}")
                .doesNotContain("full_name");

        Response stale = api.patch("/api/v1/guests/" + id, secretary, Map.of("notes", "overwrites?", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("code").asString()).isEqualTo("stale_version");
        assertThat(stale.json().get("current_version").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/guests/" + id, secretary)
                        .json()
                        .get("notes")
                        .isNull())
                .isTrue();

        Response noVersion = api.patch("/api/v1/guests/" + id, secretary, Map.of("notes", "x"));
        assertThat(noVersion.json().get("code").asString()).isEqualTo("version_required");
        Response notEditable = api.patch(
                "/api/v1/guests/" + id, secretary, Map.of("archived_at", "x", "nickname", "Kish", "version", 1));
        assertThat(notEditable.status()).isEqualTo(400);
        assertThat(notEditable.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(notEditable.fieldErrors())
                .containsExactlyInAnyOrder("archived_at:not_editable", "nickname:unknown_field");
        Response nameCleared = api.patch("/api/v1/guests/" + id, secretary, "{\"full_name\": null, \"version\": 1}");
        assertThat(nameCleared.fieldErrors()).containsExactly("full_name:required");
        Response wrongType = api.patch("/api/v1/guests/" + id, secretary, "{\"notes\": [\"a\"], \"version\": 1}");
        assertThat(wrongType.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(wrongType.fieldErrors()).containsExactly("notes:invalid_value");

        Response unchanged =
                api.patch("/api/v1/guests/" + id, secretary, Map.of("organisation", "Staatsolie", "version", 1));
        assertThat(unchanged.json().get("version").asInt()).isEqualTo(1);
        assertThat(events(id)).hasSize(2);
    }

    @Test
    void badInputIsRefusedWithItsCodeAndNothingIsWrittenOrAudited() {
        long rows = guestRows();
        long events = guestEvents();

        Response tooLong = api.post("/api/v1/guests", secretary, Map.of("full_name", "x".repeat(201)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLong.json().get("code").asString()).isEqualTo("validation_failed");
        JsonNode first = tooLong.json().get("errors").get(0);
        assertThat(first.get("field").asString()).isEqualTo("full_name");
        assertThat(first.get("code").asString()).isEqualTo("too_long");
        assertThat(first.get("max").asInt()).isEqualTo(200);

        Response everyField = api.post(
                "/api/v1/guests",
                secretary,
                Map.of("full_name", "x".repeat(201), "notes", "n".repeat(4001), "email", "geen adres"));
        assertThat(everyField.fieldErrors())
                .containsExactlyInAnyOrder("full_name:too_long", "notes:too_long", "email:invalid_email");

        Response missing = api.post("/api/v1/guests", secretary, Map.of("organisation", "Alleen een organisatie"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fieldErrors()).containsExactly("full_name:required");

        Response blank = api.post("/api/v1/guests", secretary, Map.of("full_name", "   "));
        assertThat(blank.fieldErrors()).containsExactly("full_name:required");

        Response unknownMember = api.post("/api/v1/guests", secretary, Map.of("full_name", "Ok", "nickname", "x"));
        assertThat(unknownMember.status()).isEqualTo(400);
        assertThat(unknownMember.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(unknownMember.fieldErrors()).containsExactly("nickname:unknown_field");

        Response malformed = api.post("/api/v1/guests", secretary, "{\"full_name\": ");
        assertThat(malformed.json().get("code").asString()).isEqualTo("malformed_body");

        Response badId = api.get("/api/v1/guests/not-a-uuid", secretary);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("code").asString()).isEqualTo("invalid_parameter");
        Response unknown = api.get("/api/v1/guests/" + UUID.randomUUID(), secretary);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("not_found");
        Response unknownEdit =
                api.patch("/api/v1/guests/" + UUID.randomUUID(), secretary, Map.of("notes", "x", "version", 0));
        assertThat(unknownEdit.status()).isEqualTo(404);

        assertThat(guestRows()).isEqualTo(rows);
        assertThat(guestEvents()).isEqualTo(events);
    }

    @Test
    void anArchivedGuestIsKeptHiddenFromSearchAndCannotBeEdited() {
        String tag = unique();
        JsonNode guest = create(secretary, Map.of("full_name", "Archief " + tag));
        UUID id = UUID.fromString(guest.get("id").asString());

        Map<String, Object> body = new HashMap<>();
        body.put("version", 0);
        body.put("reason", "overleden");
        Response archived = api.post("/api/v1/guests/" + id + "/archive", secretary, body);
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.json().get("archived_at").asString()).endsWith("-03:00");

        assertThat(ids(api.get("/api/v1/guests?q=" + tag, secretary))).isEmpty();
        assertThat(ids(api.get("/api/v1/guests?include_archived=true&q=" + tag, secretary)))
                .containsExactly(id);
        assertThat(api.get("/api/v1/guests/" + id, secretary).status()).isEqualTo(200);

        Response again = api.post("/api/v1/guests/" + id + "/archive", secretary, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("guest_archived");
        Response edit = api.patch("/api/v1/guests/" + id, secretary, Map.of("notes", "x", "version", 1));
        assertThat(edit.json().get("code").asString()).isEqualTo("guest_archived");

        List<Map<String, Object>> events = events(id);
        assertThat(events).extracting(e -> e.get("event_type")).containsExactly("guest_created", "guest_archived");
        assertThat((String) events.get(1).get("details"))
                .contains("\"reason\": \"overleden\"")
                .contains("archived_at");
        assertThat(owner().sql("SELECT archived_by FROM guests WHERE id = :id")
                        .param("id", id)
                        .query(UUID.class)
                        .single())
                .isEqualTo(secretary.id());
    }

    @Test
    void theAdministratorSeesNoGuestsAndTheDatabaseRefusesHimToo() {
        Account admin = accounts.create(Role.ADMIN);
        UUID id = UUID.fromString(create(secretary, Map.of("full_name", "Geheim " + unique()))
                .get("id")
                .asString());
        Response list = api.get("/api/v1/guests", admin);
        assertThat(list.status()).isEqualTo(403);
        assertThat(list.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/guests/" + id, admin).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/guests", admin, Map.of("full_name", "x")).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/guests").status()).isEqualTo(401);
        // the second line: for the administrator's proven role the database shows no guest and takes none
        assertThat(as(
                        admin,
                        () -> jdbc.sql("SELECT count(*) FROM guests")
                                .query(Long.class)
                                .single()))
                .isZero();
        assertThat(owner().sql("SELECT count(*) FROM guests WHERE id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> as(
                admin,
                () -> jdbc.sql("INSERT INTO guests (full_name) VALUES ('x')").update()));
        assertThat(refused).rootCause().hasMessageContaining("row-level security");
    }

    private static List<UUID> ids(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json()
                .get("items")
                .valueStream()
                .map(g -> UUID.fromString(g.get("id").asString()))
                .toList();
    }

    private static List<String> names(Response response) {
        return response.json()
                .get("items")
                .valueStream()
                .map(g -> g.get("full_name").asString())
                .toList();
    }
}
