package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;
import tools.jackson.databind.JsonNode;

/** One's own sessions and sign-ins through the API: listed, one ended, the others left alone. */
class OwnSessionsApiIT extends IntegrationTest {

    @Test
    void aUserSeesTheirSessionsEndsOneAndReadsTheirSignIns() {
        Account secretary = accounts.create(Role.SECRETARY);
        PageSession office = PageSession.signIn(api.base(), secretary);
        PageSession home = PageSession.signIn(api.base(), secretary);
        api.basic("/api/v1/me", secretary.username(), "not the password");

        Response sessions = api.get("/api/v1/me/sessions", secretary);
        assertThat(sessions.status()).as(sessions.toString()).isEqualTo(200);
        List<JsonNode> web = new ArrayList<>();
        sessions.json().forEach(web::add);
        assertThat(web).hasSizeGreaterThanOrEqualTo(2);
        JsonNode first = web.stream()
                .filter(s -> !s.get("current").asBoolean())
                .findFirst()
                .orElseThrow();

        Response ended = api.post("/api/v1/me/sessions/" + first.get("id").asString() + "/end", secretary, Map.of());
        assertThat(ended.status()).as(ended.toString()).isEqualTo(204);
        List<String> left = new ArrayList<>();
        api.get("/api/v1/me/sessions", secretary)
                .json()
                .forEach(s -> left.add(s.get("id").asString()));
        assertThat(left).doesNotContain(first.get("id").asString());
        // one of the two browsers is signed out now, the other is not
        int signedIn = (office.get("/account").status() == 200 ? 1 : 0)
                + (home.get("/account").status() == 200 ? 1 : 0);
        assertThat(signedIn).isEqualTo(1);

        Response unknown = api.post("/api/v1/me/sessions/" + UUID.randomUUID() + "/end", secretary, Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("not_found");

        Response signIns = api.get("/api/v1/me/sign-ins", secretary);
        assertThat(signIns.status()).isEqualTo(200);
        List<Boolean> outcomes = new ArrayList<>();
        signIns.json().forEach(s -> outcomes.add(s.get("succeeded").asBoolean()));
        assertThat(outcomes).contains(true, false);
    }
}
