package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import tools.jackson.databind.JsonNode;

class UserApiIT extends IntegrationTest {

    private Account admin;

    @BeforeEach
    void admin() {
        admin = accounts.create(Role.ADMIN);
    }

    private static Map<String, Object> newUser(String username, String role) {
        return Map.of("username", username, "display_name", "Ravi Ramdin", "role", role);
    }

    /** The activation link's secret, from the address the administrator hands over. */
    private static String token(Response invited) {
        String url = invited.json().get("activation").get("url").asString();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The person chooses their password with the link, through the API. */
    private Response activate(String token, String password) {
        return api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.base() + "/api/v1/activations/" + token))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\": \"" + password + "\"}")));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long auditCount(String event, UUID entity) {
        return owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = :e AND entity_id = :id")
                .param("e", event)
                .param("id", entity)
                .query(Long.class)
                .single();
    }

    @Test
    void theAdministratorCreatesAnAccountAndThePersonChoosesTheirPasswordWithTheLink() {
        String secName = unique("sec");
        Response created = api.post("/api/v1/users", admin, newUser(secName, "secretary"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");
        JsonNode secretary = created.json().get("user");
        assertThat(created.header("Location"))
                .isEqualTo("/api/v1/users/" + secretary.get("id").asString());
        assertThat(secretary.get("username").asString()).isEqualTo(secName);
        assertThat(secretary.get("display_name").asString()).isEqualTo("Ravi Ramdin");
        assertThat(secretary.get("role").asString()).isEqualTo("secretary");
        assertThat(secretary.get("is_active").asBoolean()).isTrue();
        assertThat(secretary.has("password_hash")).isFalse();
        assertThat(secretary.get("created_at").asString()).endsWith("-03:00");
        JsonNode activation = created.json().get("activation");
        assertThat(activation.get("url").asString()).startsWith(api.base() + "/activate/vpfl_");
        assertThat(java.time.OffsetDateTime.parse(activation.get("expires_at").asString()))
                .isBetween(
                        java.time.OffsetDateTime.now().plusHours(71),
                        java.time.OffsetDateTime.now().plusHours(73));
        UUID id = UUID.fromString(secretary.get("id").asString());
        String token = token(created);
        assertThat(owner().sql("SELECT count(*) FROM account_activations WHERE user_id = :id"
                                + " AND token_hash = sha256(convert_to(:token, 'UTF8'))")
                        .param("id", id)
                        .param("token", token)
                        .query(Long.class)
                        .single())
                .as("only the SHA-256 of the link is kept")
                .isEqualTo(1);
        assertThat(owner().sql("SELECT password_hash FROM users WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .as("no password until the person chooses one")
                .isEqualTo("{none}");
        assertThat(api.basic("/api/v1/me", secName, "").status()).isEqualTo(401);

        Response whose = api.get("/api/v1/activations/" + token);
        assertThat(whose.status()).isEqualTo(200);
        assertThat(whose.json().get("username").asString()).isEqualTo(secName);
        assertThat(activate(token, "qwerty123456").json().get("code").asString())
                .as("the strength rule holds on the link")
                .isEqualTo("weak_password");
        assertThat(activate(token, "Ravi-leest-elke-ochtend-7").status()).isEqualTo(204);
        Response me = api.basic("/api/v1/me", secName, "Ravi-leest-elke-ochtend-7");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("role").asString()).isEqualTo("secretary");

        // used once only
        Response again = activate(token, "Een-ander-wachtwoord-van-iemand");
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.json().get("code").asString()).isEqualTo("link_used");
        assertThat(api.basic("/api/v1/me", secName, "Ravi-leest-elke-ochtend-7").status())
                .isEqualTo(200);
        assertThat(auditCount("user_created", id)).isEqualTo(1);
        assertThat(auditCount("activation_link_issued", id)).isEqualTo(1);
        assertThat(auditCount("account_activated", id)).isEqualTo(1);
        String hash = owner().sql("SELECT password_hash FROM users WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("Ravi-leest");
    }

    @Test
    void anExpiredOrForgedLinkChangesNothingAndTheAdministratorCannotChooseAPassword() {
        Response created = api.post("/api/v1/users", admin, newUser(unique("exp"), "secretary"));
        String token = token(created);
        owner().sql("UPDATE account_activations SET expires_at = now() - interval '1 minute'"
                        + " WHERE token_hash = sha256(convert_to(:token, 'UTF8'))")
                .param("token", token)
                .update();
        Response expired = activate(token, "Ravi-leest-elke-ochtend-7");
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.json().get("code").asString()).isEqualTo("link_expired");
        Response forged = activate("vpfl_" + "A".repeat(43), "Ravi-leest-elke-ochtend-7");
        assertThat(forged.status()).isEqualTo(404);
        assertThat(forged.json().get("code").asString()).isEqualTo("link_unknown");
        assertThat(owner().sql("SELECT password_hash FROM users WHERE id = :id")
                        .param(
                                "id",
                                UUID.fromString(
                                        created.json().get("user").get("id").asString()))
                        .query(String.class)
                        .single())
                .isEqualTo("{none}");

        Response chosen = api.post(
                "/api/v1/users",
                admin,
                Map.of(
                        "username",
                        unique("pw"),
                        "display_name",
                        "X",
                        "role",
                        "secretary",
                        "password",
                        "Door-de-beheerder-gekozen-3"));
        assertThat(chosen.status()).isEqualTo(400);
        assertThat(chosen.json().get("code").asString()).isEqualTo("password_not_accepted");
        assertThat(api.post("/api/v1/users/" + admin.id() + "/password", admin, Map.of("password", "x"))
                        .status())
                .as("there is no way to set another's password")
                .isIn(404, 405);
    }

    @Test
    void aDuplicateUsernameInAnyCaseIsAConflictAndChangesNothing() {
        String name = unique("dup");
        assertThat(api.post("/api/v1/users", admin, newUser(name, "secretary")).status())
                .isEqualTo(201);
        long users = owner().sql("SELECT count(*) FROM users").query(Long.class).single();
        Response again = api.post("/api/v1/users", admin, newUser(name.toUpperCase(), "vp"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("code").asString()).isEqualTo("username_taken");
        assertThat(owner().sql("SELECT count(*) FROM users").query(Long.class).single())
                .isEqualTo(users);
    }

    @Test
    void weakPasswordsUnknownRolesAndBadUsernamesAreRefusedWithTheirCodes() {
        String token = token(api.post("/api/v1/users", admin, newUser(unique("zwak"), "secretary")));
        assertThat(activate(token, "").json().get("code").asString()).isEqualTo("weak_password");
        Response weak = activate(token, "kort");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("code").asString()).isEqualTo("weak_password");
        // long enough, and still what an attacker tries first: the answer says why
        for (String guessable : new String[] {"qwerty123456", "abcdabcdabcd", "vpflowvpflow"}) {
            Response refused = activate(token, guessable);
            assertThat(refused.status()).as(guessable).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).isEqualTo("weak_password");
            assertThat(refused.json().get("detail").asString())
                    .as(guessable)
                    .contains("would be guessed too soon")
                    .containsAnyOf("common password", "Repeats");
        }
        assertThat(api.get("/api/v1/activations/" + token).status())
                .as("a refused password leaves the link as it was")
                .isEqualTo(200);
        Response role = api.post("/api/v1/users", admin, newUser(unique("r"), "president"));
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.json().get("code").asString()).isEqualTo("unknown_role");
        Response name = api.post("/api/v1/users", admin, newUser("../etc/passwd", "vp"));
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.json().get("code").asString()).isEqualTo("invalid_username");
        Response malformed = api.post("/api/v1/users", admin, "{\"username\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asString()).isEqualTo("malformed_body");
        assertThat(owner().sql("SELECT count(*) FROM users WHERE username LIKE 'w-%' OR username LIKE 'r-%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void onlyTheAdministratorManagesAccounts() {
        Account vp = accounts.create(Role.VP);
        Account secretary = accounts.create(Role.SECRETARY);
        Response byVp = api.post("/api/v1/users", vp, newUser(unique("x"), "vp"));
        assertThat(byVp.status()).isEqualTo(403);
        assertThat(byVp.json().get("code").asString()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/users", secretary).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users").status()).isEqualTo(401);
    }

    @Test
    void aDisabledUserCannotSignInAndTheAdministratorCannotDisableHimself() {
        Account secretary = accounts.create(Role.SECRETARY);
        assertThat(api.get("/api/v1/me", secretary).status()).isEqualTo(200);
        Response disabled = api.post("/api/v1/users/" + secretary.id() + "/disable", admin, Map.of());
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("is_active").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/me", secretary).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/users/" + secretary.id() + "/disable", admin, Map.of())
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("already_disabled");
        Response self = api.post("/api/v1/users/" + admin.id() + "/disable", admin, Map.of());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.json().get("code").asString()).isEqualTo("cannot_disable_self");
        assertThat(auditCount("user_disabled", secretary.id())).isEqualTo(1);
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'login_failed' AND entity_id = :id"
                                + " AND details->>'reason' = 'disabled'")
                        .param("id", secretary.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aResetGivesANewLinkAndOnlyTheNewPasswordWorksOnceItIsUsed() {
        Account secretary = accounts.create(Role.SECRETARY);
        Response first = api.post("/api/v1/users/" + secretary.id() + "/reset", admin, Map.of());
        assertThat(first.status()).isEqualTo(200);
        Response reset = api.post("/api/v1/users/" + secretary.id() + "/reset", admin, Map.of());
        assertThat(activate(token(first), "Nieuw-Wachtwoord-voor-Anjali")
                        .json()
                        .get("code")
                        .asString())
                .as("a newer link replaces the earlier one")
                .isEqualTo("link_used");
        assertThat(api.get("/api/v1/me", secretary).status())
                .as("the old password works until the link is used")
                .isEqualTo(200);
        assertThat(activate(token(reset), "Nieuw-Wachtwoord-voor-Anjali").status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/me", secretary).status()).isEqualTo(401);
        assertThat(api.basic("/api/v1/me", secretary.username(), "Nieuw-Wachtwoord-voor-Anjali")
                        .status())
                .isEqualTo(200);
        assertThat(auditCount("account_activated", secretary.id())).isEqualTo(1);
        assertThat(owner().sql("SELECT string_agg(details::text, ' ') FROM audit_logs WHERE entity_id = :id")
                        .param("id", secretary.id())
                        .query(String.class)
                        .single())
                .doesNotContain("Nieuw-Wachtwoord")
                .doesNotContain(token(reset));
    }

    @Test
    void usersAreListedInPagesAndAnUnknownIdIsNotFound() {
        for (int i = 0; i < 3; i++) {
            accounts.create(Role.SECRETARY);
        }
        Response first = api.get("/api/v1/users?limit=2", admin);
        assertThat(first.json().get("items")).hasSize(2);
        String cursor = first.json().get("next_cursor").asString();
        Response second = api.get("/api/v1/users?limit=2&cursor=" + cursor, admin);
        assertThat(second.json().get("items").get(0).get("username").asString())
                .isGreaterThan(first.json().get("items").get(1).get("username").asString());
        assertThat(api.get("/api/v1/users?limit=0", admin).json().get("code").asString())
                .isEqualTo("invalid_limit");
        Response missing = api.get("/api/v1/users/" + UUID.randomUUID(), admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("not_found");
        Response malformed = api.get("/api/v1/users/not-a-uuid", admin);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asString()).isEqualTo("invalid_parameter");
    }
}
