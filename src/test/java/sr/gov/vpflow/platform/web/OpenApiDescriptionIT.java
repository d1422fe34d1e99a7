package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.ApiContract;
import sr.gov.vpflow.support.Checkers;
import sr.gov.vpflow.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description says what it describes and how a client signs in. */
class OpenApiDescriptionIT extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theDescriptionNamesVpFlowItsVersionAndTheWaysToSignIn() {
        Api.Response doc = api.get("/api/v1/openapi", accounts.create(Role.SECRETARY));
        assertThat(doc.status()).isEqualTo(200);
        JsonNode root = doc.json();
        assertThat(root.at("/info/title").asString()).isEqualTo("VP-Flow API");
        assertThat(root.at("/info/version").asString()).isNotEqualTo("v0").matches("\\d+\\.\\d+\\.\\d+.*");
        JsonNode schemes = root.at("/components/securitySchemes");
        assertThat(schemes.at("/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.at("/basic/scheme").asString()).isEqualTo("basic");
        assertThat(schemes.at("/session/in").asString()).isEqualTo("cookie");
        assertThat(schemes.at("/session/name").asString()).isEqualTo("VPFLOW_SESSION");
        assertThat(root.get("security")).hasSize(3);
    }

    @Test
    void redoclysRecommendedRulesFindNoErrorInTheServedDescription() throws Exception {
        Api.Response doc = api.get("/api/v1/openapi", accounts.create(Role.SECRETARY));
        Path file = Files.createTempFile("openapi", ".json");
        Files.writeString(file, doc.body());
        Checkers.Output lint = Checkers.redoclyLint(file);
        String out = lint.stdout();
        JsonNode report = JSON.readTree(out.substring(out.indexOf('{')));
        List<String> errors = new ArrayList<>();
        for (JsonNode problem : report.get("problems")) {
            if (problem.get("severity").asString().equals("error")) {
                errors.add(problem.get("ruleId").asString() + ": "
                        + problem.get("message").asString());
            }
        }
        assertThat(errors).as(out).isEmpty();
        assertThat(report.at("/totals/errors").asInt()).isZero();
        Files.delete(file);
    }

    @Test
    void everyOperationHasASummaryItsRealSuccessAndItsRefusalsAsProblemsWithTheirCodes() {
        JsonNode root =
                api.get("/api/v1/openapi", accounts.create(Role.SECRETARY)).json();
        int operations = 0;
        for (String path : root.get("paths").propertyNames()) {
            JsonNode item = root.get("paths").get(path);
            for (String method : item.propertyNames()) {
                JsonNode operation = item.get(method);
                String name = method + " " + path;
                operations++;
                assertThat(operation.path("summary").asString("")).as(name).isNotBlank();
                JsonNode responses = operation.get("responses");
                assertThat(responses.propertyNames()).as(name).anyMatch(status -> status.startsWith("2"));
                List<String> refusals = new ArrayList<>();
                for (String status : responses.propertyNames()) {
                    if (status.startsWith("2")) {
                        responses
                                .get(status)
                                .path("content")
                                .propertyNames()
                                .forEach(type -> assertThat(type).as(name).isNotEqualTo("*/*"));
                        continue;
                    }
                    refusals.add(status);
                    JsonNode schema = responses.get(status).at("/content/application~1problem+json/schema");
                    assertThat(schema.isMissingNode()).as(name + " " + status).isFalse();
                    assertThat(schema.at("/allOf/1/properties/code/enum").size())
                            .as(name + " " + status)
                            .isPositive();
                }
                assertThat(refusals).as(name).anyMatch(status -> status.startsWith("4"));
            }
        }
        assertThat(operations).isGreaterThan(50);
        assertThat(root.at("/paths/~1api~1v1~1guests/post/responses").has("201"))
                .isTrue();
        assertThat(root.at("/paths/~1api~1v1~1guests/post/responses").has("200"))
                .isFalse();
        assertThat(root.at("/paths/~1api~1v1~1cases~1{id}~1close/post/responses/409/content")
                        .toString())
                .contains("stale_version", "case_closed");
    }

    @Test
    void statesRolesAndPrioritiesAreEnumsAndEveryMemberOfAnAnswerIsRequiredNullOnlyWhereItCanBe() {
        JsonNode schemas = api.get("/api/v1/openapi", accounts.create(Role.SECRETARY))
                .json()
                .at("/components/schemas");
        assertThat(values(schemas.at("/AppointmentView/properties/status/enum")))
                .containsExactlyInAnyOrder("requested", "scheduled", "arrived", "completed", "cancelled", "no_show");
        assertThat(values(schemas.at("/CaseView/properties/state/enum")))
                .containsExactlyInAnyOrder("open", "in_progress", "closed", "reopened");
        assertThat(values(schemas.at("/CaseView/properties/priority/enum")))
                .containsExactlyInAnyOrder("low", "normal", "high", "urgent");
        assertThat(values(schemas.at("/UserView/properties/role/enum")))
                .containsExactlyInAnyOrder("vp", "secretary", "admin");
        assertThat(values(schemas.at("/GuestView/required"))).contains("id", "full_name", "email", "version");
        assertThat(values(schemas.at("/GuestView/properties/email/type"))).containsExactlyInAnyOrder("string", "null");
        assertThat(schemas.at("/GuestView/properties/full_name/type").asString())
                .isEqualTo("string");
        assertThat(schemas.at("/CaseView/properties/guest/anyOf").toString()).contains("null");
    }

    @Test
    void anAnswerTheDescriptionDoesNotDocumentFailsTheTestThatReceivesIt() {
        api.get("/api/v1/me", accounts.create(Role.SECRETARY));
        assertThatThrownBy(() -> ApiContract.check(
                        "GET",
                        URI.create("http://x/api/v1/guests/" + java.util.UUID.randomUUID()),
                        418,
                        "application/problem+json",
                        "{}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not document");
        assertThatThrownBy(() -> ApiContract.check(
                        "GET",
                        URI.create("http://x/api/v1/me"),
                        200,
                        "application/json",
                        "{\"id\": 5, \"username\": \"x\", \"display_name\": \"x\", \"role\": \"vp\"}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not allow");
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.isNull() ? null : v.asString()));
        return values;
    }
}
