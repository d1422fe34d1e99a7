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

    private static Map<String, Object> newUser(String username, String role, String password) {
        return Map.of("username", username, "display_name", "Ravi Ramdin", "role", role, "password", password);
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
    void theAdministratorCreatesASecretaryAndAnAdministratorWhoThenSignIn() {
        String secName = unique("sec");
        Response created = api.post("/api/v1/users", admin, newUser(secName, "secretary", "Ravi-leest-elke-ochtend-7"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode secretary = created.json();
        assertThat(created.header("Location"))
                .isEqualTo("/api/v1/users/" + secretary.get("id").asString());
        assertThat(secretary.get("username").asString()).isEqualTo(secName);
        assertThat(secretary.get("display_name").asString()).isEqualTo("Ravi Ramdin");
        assertThat(secretary.get("role").asString()).isEqualTo("secretary");
        assertThat(secretary.get("is_active").asBoolean()).isTrue();
        assertThat(secretary.has("password_hash")).isFalse();
        assertThat(secretary.get("created_at").asString()).endsWith("-03:00");

        String adminName = unique("adm");
        assertThat(api.post("/api/v1/users", admin, newUser(adminName, "admin", "Anjali-boekt-de-agenda-9"))
                        .status())
                .isEqualTo(201);

        Response me = api.basic("/api/v1/me", secName, "Ravi-leest-elke-ochtend-7");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("role").asString()).isEqualTo("secretary");
        assertThat(me.json().get("display_name").asString()).isEqualTo("Ravi Ramdin");
        assertThat(api.basic("/api/v1/me", adminName, "Anjali-boekt-de-agenda-9")
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("admin");

        UUID id = UUID.fromString(secretary.get("id").asString());
        assertThat(auditCount("user_created", id)).isEqualTo(1);
        String hash = owner().sql("SELECT password_hash FROM users WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("Ravi-leest");
    }

    @Test
    void aDuplicateUsernameInAnyCaseIsAConflictAndChangesNothing() {
        String name = unique("dup");
        assertThat(api.post("/api/v1/users", admin, newUser(name, "secretary", "Anjali-boekt-de-agenda-9"))
                        .status())
                .isEqualTo(201);
        long users = owner().sql("SELECT count(*) FROM users").query(Long.class).single();
        Response again =
                api.post("/api/v1/users", admin, newUser(name.toUpperCase(), "vp", "Anjali-boekt-de-agenda-9"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("code").asString()).isEqualTo("username_taken");
        assertThat(owner().sql("SELECT count(*) FROM users").query(Long.class).single())
                .isEqualTo(users);
    }

    @Test
    void weakEmptyPasswordsUnknownRolesAndBadUsernamesAreRefusedWithTheirCodes() {
        assertThat(api.post("/api/v1/users", admin, newUser(unique("w"), "vp", ""))
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("weak_password");
        Response weak = api.post("/api/v1/users", admin, newUser(unique("w"), "vp", "kort"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("code").asString()).isEqualTo("weak_password");
        // long enough, and still what an attacker tries first: the answer says why
        for (String guessable : new String[] {"qwerty123456", "abcdabcdabcd", "vpflowvpflow"}) {
            Response refused = api.post("/api/v1/users", admin, newUser(unique("w"), "secretary", guessable));
            assertThat(refused.status()).as(guessable).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).isEqualTo("weak_password");
            assertThat(refused.json().get("detail").asString())
                    .as(guessable)
                    .contains("would be guessed too soon")
                    .containsAnyOf("common password", "Repeats");
        }
        Response role = api.post("/api/v1/users", admin, newUser(unique("r"), "president", "Lang-genoeg-wachtwoord"));
        assertThat(role.status()).isEqualTo(400);
        assertThat(role.json().get("code").asString()).isEqualTo("unknown_role");
        Response name = api.post("/api/v1/users", admin, newUser("../etc/passwd", "vp", "Lang-genoeg-wachtwoord"));
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
        Response byVp = api.post("/api/v1/users", vp, newUser(unique("x"), "vp", "Lang-genoeg-wachtwoord"));
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
    void theAdministratorChangesAPasswordAndOnlyTheNewOneWorks() {
        Account vp = accounts.create(Role.SECRETARY);
        Response weak = api.post("/api/v1/users/" + vp.id() + "/password", admin, Map.of("password", "123"));
        assertThat(weak.status()).isEqualTo(400);
        Response changed =
                api.post("/api/v1/users/" + vp.id() + "/password", admin, Map.of("password", "Nieuw-Wachtwoord-2026"));
        assertThat(changed.status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", vp).status()).isEqualTo(401);
        assertThat(api.basic("/api/v1/me", vp.username(), "Nieuw-Wachtwoord-2026")
                        .status())
                .isEqualTo(200);
        assertThat(auditCount("user_password_changed", vp.id())).isEqualTo(1);
        assertThat(owner().sql("SELECT details::text FROM audit_logs WHERE event_type = 'user_password_changed'"
                                + " AND entity_id = :id")
                        .param("id", vp.id())
                        .query(String.class)
                        .single())
                .doesNotContain("Nieuw");
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
