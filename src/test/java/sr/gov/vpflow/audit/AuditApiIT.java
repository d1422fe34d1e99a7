package sr.gov.vpflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
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

class AuditApiIT extends IntegrationTest {

    private Account vp;
    private Account secretary;
    private Account admin;
    private UUID caseId;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        admin = accounts.create(Role.ADMIN);
        Response created = api.post("/api/v1/cases", secretary, Map.of("title", "Audited case"));
        caseId = UUID.fromString(created.json().get("id").asString());
        api.patch("/api/v1/cases/" + caseId, secretary, Map.of("version", 0, "title", "Audited case, edited"));
    }

    private static List<String> types(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json()
                .get("items")
                .valueStream()
                .map(e -> e.get("event_type").asString())
                .toList();
    }

    private static String code(Response response) {
        return response.json().get("code").asString();
    }

    @Test
    void eventsOfARecordAreListedNewestFirstWithWhoWhenAndTheChanges() {
        Response response = api.get("/api/v1/audit?entity_type=case&entity_id=" + caseId, vp);
        assertThat(types(response)).containsExactly("case_updated", "case_created");
        JsonNode updated = response.json().get("items").get(0);
        assertThat(updated.get("actor_id").asString()).isEqualTo(secretary.id().toString());
        assertThat(updated.get("actor_display_name").asString()).isEqualTo(secretary.displayName());
        assertThat(updated.get("actor_role").asString()).isEqualTo("secretary");
        assertThat(updated.get("entity_type").asString()).isEqualTo("case");
        assertThat(updated.get("occurred_at").asString()).endsWith("-03:00");
        assertThat(updated.get("seq").asLong())
                .isGreaterThan(response.json().get("items").get(1).get("seq").asLong());
        JsonNode title = updated.get("details").get("changes").get("title");
        assertThat(title.get("from").asString()).isEqualTo("Audited case");
        assertThat(title.get("to").asString()).isEqualTo("Audited case, edited");
    }

    @Test
    void filtersNarrowByEventTypeActorAndDate() {
        assertThat(types(api.get("/api/v1/audit?event_type=case_created&entity_id=" + caseId, vp)))
                .containsExactly("case_created");
        assertThat(types(api.get("/api/v1/audit?actor_id=" + secretary.id() + "&entity_type=case", vp)))
                .isNotEmpty()
                .containsOnly("case_created", "case_updated");
        assertThat(types(api.get("/api/v1/audit?actor_id=" + vp.id() + "&entity_id=" + caseId, vp)))
                .isEmpty();

        LocalDate today = OfficeTime.today(Clock.systemUTC());
        assertThat(types(api.get("/api/v1/audit?entity_id=" + caseId + "&from=" + today + "&to=" + today, vp)))
                .hasSize(2);
        assertThat(types(api.get("/api/v1/audit?entity_id=" + caseId + "&from=" + today.plusDays(1), vp)))
                .isEmpty();
        assertThat(types(api.get("/api/v1/audit?entity_id=" + caseId + "&to=" + today.minusDays(1), vp)))
                .isEmpty();
        String moment = OfficeTime.now(Clock.systemUTC())
                .minusHours(1)
                .toOffsetDateTime()
                .toString();
        assertThat(types(api.get("/api/v1/audit?entity_id=" + caseId + "&from=" + moment.replace("+", "%2B"), vp)))
                .hasSize(2);
    }

    @Test
    void pagesFollowTheSequenceNumberBackwards() {
        Response first = api.get("/api/v1/audit?limit=3", vp);
        assertThat(first.json().get("items")).hasSize(3);
        long lastSeq = first.json().get("items").get(2).get("seq").asLong();
        Response second = api.get(
                "/api/v1/audit?limit=3&cursor="
                        + first.json().get("next_cursor").asString(),
                vp);
        assertThat(second.json().get("items").get(0).get("seq").asLong()).isEqualTo(lastSeq - 1);
    }

    @Test
    void badFiltersAreProblemDetails() {
        Response from = api.get("/api/v1/audit?from=yesterday", vp);
        assertThat(from.status()).isEqualTo(400);
        assertThat(code(from)).isEqualTo("invalid_parameter");
        assertThat(from.json().get("parameter").asString()).isEqualTo("from");
        Response entity = api.get("/api/v1/audit?entity_id=12", vp);
        assertThat(entity.status()).isEqualTo(400);
        assertThat(code(entity)).isEqualTo("invalid_parameter");
        assertThat(code(api.get("/api/v1/audit?actor_id=x", vp))).isEqualTo("invalid_parameter");
        assertThat(code(api.get("/api/v1/audit?cursor=YWJj", vp))).isEqualTo("invalid_cursor");
        assertThat(code(api.get("/api/v1/audit?limit=0", vp))).isEqualTo("invalid_limit");
        assertThat(api.get("/api/v1/audit").status()).isEqualTo(401);
    }

    @Test
    void eachRoleSeesWhatTheDatabaseLetsItSee() {
        // the vp's own account events: the vp and the operator see them, a secretary does not
        String vpAccount = "/api/v1/audit?entity_type=user&entity_id=" + vp.id();
        assertThat(types(api.get(vpAccount, vp))).contains("user_created");
        assertThat(types(api.get(vpAccount, admin))).contains("user_created");
        assertThat(types(api.get(vpAccount, secretary))).isEmpty();
        // her own account's events she does see
        assertThat(types(api.get("/api/v1/audit?entity_type=user&entity_id=" + secretary.id(), secretary)))
                .contains("user_created");
        // case events: the vp and secretaries, never the operator
        String caseEvents = "/api/v1/audit?entity_id=" + caseId;
        assertThat(types(api.get(caseEvents, secretary))).hasSize(2);
        assertThat(types(api.get(caseEvents, admin))).isEmpty();
        assertThat(types(api.get("/api/v1/audit?limit=200", admin)))
                .noneMatch(t -> t.startsWith("case_") || t.startsWith("guest_") || t.startsWith("appointment_"));
    }
}
