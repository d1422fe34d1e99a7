package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import tools.jackson.databind.JsonNode;

/**
 * Every operation of the served description, called the ways a careless or hostile client calls
 * it: without credentials, as each role, with a record that does not exist, an id that is no id,
 * an empty object and a body that is no object. Each answer must be one the description documents
 * for that operation, status and body (the suite's {@code Api} checks every answer it receives),
 * and none may be a server fault.
 */
class ApiContractIT extends IntegrationTest {

    @Test
    void everyOperationAnswersWhatItsDescriptionSaysToEveryKindOfBadRequest() {
        Map<String, Account> roles = new LinkedHashMap<>();
        roles.put("vp", accounts.create(Role.VP));
        roles.put("secretary", accounts.create(Role.SECRETARY));
        roles.put("admin", accounts.create(Role.ADMIN));
        JsonNode description =
                api.get("/api/v1/openapi", roles.get("secretary")).json();
        Map<String, Set<Integer>> refusals = new LinkedHashMap<>();
        List<String> faults = new ArrayList<>();
        int calls = 0;
        for (String path : description.get("paths").propertyNames()) {
            for (String method : description.get("paths").get(path).propertyNames()) {
                String operation = method.toUpperCase(java.util.Locale.ROOT) + " " + path;
                Set<Integer> seen = refusals.computeIfAbsent(operation, o -> new TreeSet<>());
                List<String> addresses =
                        new ArrayList<>(List.of(concrete(path, UUID.randomUUID().toString())));
                if (path.contains("{id}")) {
                    addresses.add(concrete(path, "not-an-id"));
                }
                for (String address : addresses) {
                    List<Account> callers = new ArrayList<>(roles.values());
                    callers.add(null);
                    for (Account caller : callers) {
                        for (String body : method.equals("get") ? List.of("") : List.of("{}", "[1]")) {
                            Response answer = call(method, address, caller, body);
                            calls++;
                            if (answer.status() >= 500) {
                                faults.add(operation + " as " + (caller == null ? "nobody" : caller.role()) + " " + body
                                        + ": " + answer);
                            } else if (answer.status() >= 400) {
                                seen.add(answer.status());
                            }
                        }
                    }
                }
            }
        }
        assertThat(faults).as("server faults").isEmpty();
        assertThat(refusals)
                .allSatisfy((operation, statuses) ->
                        assertThat(statuses).as(operation).isNotEmpty());
        assertThat(refusals.size()).isGreaterThan(50);
        assertThat(calls).isGreaterThan(400);
    }

    @Test
    void anAddressOrMethodTheApiDoesNotHaveIsAProblemWithItsCodeToo() {
        Account secretary = accounts.create(Role.SECRETARY);
        Response nowhere = api.get("/api/v1/no-such-thing", secretary);
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json().get("code").asString()).isEqualTo("not_found");
        assertThat(nowhere.json().get("instance").asString()).isEqualTo("/api/v1/no-such-thing");
        assertThat(nowhere.body()).doesNotContain("timestamp").doesNotContain("trace");
        Response method = call("put", "/api/v1/guests", secretary, "{}");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("code").asString()).isEqualTo("method_not_allowed");
    }

    @Test
    void theCalendarFeedAnswersCalendarProgramsAndRefusesAClientThatTakesOnlyJson() {
        Account vp = accounts.create(Role.VP);
        for (String accept : List.of("text/calendar", "*/*", "text/calendar, application/json;q=0.5", "")) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/v1/agenda.ics"))
                    .header(
                            "Authorization",
                            "Basic "
                                    + java.util.Base64.getEncoder()
                                            .encodeToString((vp.username() + ":" + vp.password())
                                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (!accept.isEmpty()) {
                request.header("Accept", accept);
            }
            Response answer = api.send(request.GET());
            assertThat(answer.status()).as("Accept: " + accept).isEqualTo(200);
            assertThat(answer.header("Content-Type")).startsWith("text/calendar");
            assertThat(answer.body()).startsWith("BEGIN:VCALENDAR");
        }
        Response json = call("get", "/api/v1/agenda.ics", vp, "");
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.json().get("code").asString()).isEqualTo("not_acceptable");
    }

    private static String concrete(String path, String id) {
        return path.replace("{id}", id).replace("{token}", "vpff_" + "x".repeat(40));
    }

    private Response call(String method, String path, Account caller, String body) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + path))
                .header("Accept", "application/json");
        if (caller != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + java.util.Base64.getEncoder()
                                    .encodeToString((caller.username() + ":" + caller.password())
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        var publisher = body.isEmpty()
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body);
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request.method(method.toUpperCase(java.util.Locale.ROOT), publisher));
    }
}
