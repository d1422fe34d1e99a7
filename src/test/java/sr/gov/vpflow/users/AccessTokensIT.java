package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * Personal access tokens and the calendar feed's private address over real HTTP: made by the
 * signed-in user, shown once, stored hashed, usable as {@code Authorization: Bearer}, revocable,
 * and ended by the database the moment access is taken away.
 */
class AccessTokensIT extends IntegrationTest {

    private Response bearer(String path, String token) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    private String makeToken(Account account, String name) {
        Response made = api.post("/api/v1/me/tokens", account, Map.of("name", name));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json().get("token").asString();
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndOpensTheApiAsItsUser() {
        Account secretary = accounts.create(Role.SECRETARY);
        Response made = api.post("/api/v1/me/tokens", secretary, Map.of("name", "Rapportage-script"));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.header("Location")).startsWith("/api/v1/me/tokens/");
        assertThat(made.header("Cache-Control")).contains("no-store");
        String token = made.json().get("token").asString();
        UUID id = UUID.fromString(made.json().get("id").asString());
        assertThat(token).startsWith("vpfa_").hasSizeGreaterThanOrEqualTo(48);
        assertThat(made.json().get("name").asString()).isEqualTo("Rapportage-script");

        Response me = bearer("/api/v1/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo(secretary.username());
        assertThat(bearer("/api/v1/cases?limit=1", token).status()).isEqualTo(200);

        Response list = api.get("/api/v1/me/tokens", secretary);
        assertThat(list.json().get("items")).hasSize(1);
        assertThat(list.body()).contains("Rapportage-script").doesNotContain(token);

        // only its SHA-256 is kept, and no backup of the table holds it
        assertThat(owner().sql("SELECT encode(token_hash, 'hex') = encode(sha256(convert_to(:t, 'UTF8')), 'hex')"
                                + " FROM access_tokens WHERE id = :id")
                        .param("t", token)
                        .param("id", id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(owner().sql("SELECT count(*) FROM access_tokens WHERE token_hash::text LIKE '%' || :t || '%'")
                        .param("t", token)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'api_token_created'"
                                + " AND entity_id = :u AND actor_id = :u AND details->>'token_id' = :id")
                        .param("u", secretary.id())
                        .param("id", id.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRevokedOrExpiredTokenIsRefusedAndATokenMakesNoOtherToken() throws InterruptedException {
        Account vp = accounts.create(Role.VP);
        String token = makeToken(vp, "Eenmalig");
        UUID id = UUID.fromString(api.get("/api/v1/me/tokens", vp)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString());

        Response withToken = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/me/tokens"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"opvolger\"}")));
        assertThat(withToken.status()).isEqualTo(403);
        assertThat(withToken.json().get("code").asString()).isEqualTo("password_required");

        assertThat(api.post("/api/v1/me/tokens/" + id + "/revoke", vp, Map.of()).status())
                .isEqualTo(204);
        Response refused = bearer("/api/v1/me", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("code").asString()).isEqualTo("unauthorized");
        assertThat(api.post("/api/v1/me/tokens/" + id + "/revoke", vp, Map.of()).status())
                .as("revoked already")
                .isEqualTo(404);
        assertThat(api.get("/api/v1/me/tokens", vp).json().get("items")).isEmpty();

        Response expiring = api.post(
                "/api/v1/me/tokens",
                vp,
                Map.of(
                        "name",
                        "Kort",
                        "expires_at",
                        OffsetDateTime.now().plusSeconds(2).toString()));
        assertThat(expiring.status()).isEqualTo(201);
        String shortLived = expiring.json().get("token").asString();
        assertThat(bearer("/api/v1/me", shortLived).status()).isEqualTo(200);
        Thread.sleep(2_500);
        assertThat(bearer("/api/v1/me", shortLived).status()).isEqualTo(401);
    }

    @Test
    void badRequestsMakeNoToken() {
        Account vp = accounts.create(Role.VP);
        long before = tokens(vp);
        Response nameless = api.post("/api/v1/me/tokens", vp, Map.of("name", "  "));
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.json().get("code").asString()).isEqualTo("validation_failed");
        assertThat(nameless.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        Response past = api.post(
                "/api/v1/me/tokens",
                vp,
                Map.of(
                        "name",
                        "Verleden",
                        "expires_at",
                        OffsetDateTime.now().minusDays(1).toString()));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("expires_at");
        assertThat(api.post("/api/v1/me/tokens", vp, Map.of("name", "x".repeat(101)))
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/me/tokens/" + UUID.randomUUID() + "/revoke", vp, Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(tokens(vp)).isEqualTo(before);
    }

    @Test
    void theFeedAddressOpensTheAgendaAndNothingElseAndANewOneEndsTheOld() {
        Account vp = accounts.create(Role.VP);
        Response rotated = api.post("/api/v1/me/feed/rotate", vp, Map.of());
        assertThat(rotated.status()).isEqualTo(201);
        String url = rotated.json().get("url").asString();
        assertThat(url).startsWith(api.base() + "/api/v1/feeds/vpff_").endsWith("/agenda.ics");
        String path = url.substring(api.base().length());
        String token = path.split("/")[4];

        Response feed = api.get(path);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.header("Content-Type")).startsWith("text/calendar");
        assertThat(feed.body()).startsWith("BEGIN:VCALENDAR");
        assertThat(api.get("/api/v1/me/feed", vp).json().get("active").asBoolean())
                .isTrue();

        // the feed's token opens nothing else, in any way it could be sent
        assertThat(bearer("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(bearer("/api/v1/agenda.ics", token).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/feeds/" + token + "/../cases").status()).isIn(400, 401, 404);

        Response again = api.post("/api/v1/me/feed/rotate", vp, Map.of());
        assertThat(again.status()).isEqualTo(201);
        assertThat(api.get(path).status()).as("the old address").isEqualTo(401);
        assertThat(api.get(again.json()
                                .get("url")
                                .asString()
                                .substring(api.base().length()))
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/me/feed/rotate", accounts.create(Role.ADMIN), Map.of())
                        .status())
                .as("the administrator has no agenda")
                .isEqualTo(403);
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'feed_token_rotated'"
                                + " AND entity_id = :u")
                        .param("u", vp.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aNewPasswordEndsEveryTokenOfTheAccount() {
        Account secretary = accounts.create(Role.SECRETARY);
        Account admin = accounts.create(Role.ADMIN);
        String token = makeToken(secretary, "Script");
        String feed = api.post("/api/v1/me/feed/rotate", secretary, Map.of())
                .json()
                .get("url")
                .asString()
                .substring(api.base().length());
        assertThat(bearer("/api/v1/me", token).status()).isEqualTo(200);

        assertThat(api.post(
                                "/api/v1/me/password",
                                secretary,
                                Map.of(
                                        "current_password",
                                        "niet-het-goede",
                                        "new_password",
                                        "Een-heel-nieuw-wachtwoord"))
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("current_password_wrong");
        assertThat(owner().sql("SELECT failed_logins FROM users WHERE id = :id")
                        .param("id", secretary.id())
                        .query(Integer.class)
                        .single())
                .as("a wrong current password counts as a failed sign-in")
                .isEqualTo(1);
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE entity_id = :id AND event_type = 'login_failed'"
                                + " AND details->>'reason' = 'wrong_current_password'")
                        .param("id", secretary.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(bearer("/api/v1/me", token).status()).isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/me/password",
                                secretary,
                                Map.of(
                                        "current_password",
                                        secretary.password(),
                                        "new_password",
                                        "Een-heel-nieuw-wachtwoord"))
                        .status())
                .isEqualTo(204);
        assertThat(api.basic("/api/v1/me", secretary.username(), "Een-heel-nieuw-wachtwoord")
                        .status())
                .isEqualTo(200);
        assertThat(bearer("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(api.get(feed).status()).isEqualTo(401);
    }

    private long tokens(Account account) {
        return owner().sql("SELECT count(*) FROM access_tokens WHERE user_id = :u AND kind = 'api'")
                .param("u", account.id())
                .query(Long.class)
                .single();
    }
}
