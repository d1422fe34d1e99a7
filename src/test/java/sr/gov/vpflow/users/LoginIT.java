package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

class LoginIT extends IntegrationTest {

    private long failures(UUID user, String reason) {
        return owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'login_failed' AND entity_id = :id"
                        + " AND details->>'reason' = :reason")
                .param("id", user)
                .param("reason", reason)
                .query(Long.class)
                .single();
    }

    @Test
    void aWrongPasswordIs401WithoutSayingWhyAndIsAudited() {
        Account vp = accounts.create(Role.VP);
        Response wrong = api.basic("/api/v1/me", vp.username(), "not-the-password");
        Response unknown = api.basic("/api/v1/me", "nobody-" + UUID.randomUUID(), "not-the-password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body())
                .isEqualTo(unknown.body()
                        .replace(
                                unknown.json().get("instance").asString(),
                                wrong.json().get("instance").asString()));
        assertThat(wrong.json().get("code").asString()).isEqualTo("unauthorized");
        assertThat(wrong.headers("WWW-Authenticate"))
                .anySatisfy(h -> assertThat(h).startsWith("Basic"))
                .anySatisfy(h -> assertThat(h).startsWith("Bearer"));
        assertThat(failures(vp.id(), "wrong_password")).isEqualTo(1);
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'login_failed'"
                                + " AND details->>'reason' = 'unknown_user' AND details->>'username' LIKE 'nobody-%'")
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void repeatedFailuresThrottleTheAccountEvenForTheRightPasswordUntilTheLockPasses() throws InterruptedException {
        Account secretary = accounts.create(Role.SECRETARY);
        for (int i = 0; i < 5; i++) {
            assertThat(api.basic("/api/v1/me", secretary.username(), "wrong-" + i)
                            .status())
                    .isEqualTo(401);
        }
        assertThat(api.get("/api/v1/me", secretary).status())
                .as("right password while throttled")
                .isEqualTo(401);
        assertThat(failures(secretary.id(), "throttled")).isEqualTo(1);
        // the first lock lasts 2 s in the tests (60 s by default)
        Thread.sleep(2_500);
        assertThat(api.get("/api/v1/me", secretary).status()).isEqualTo(200);
        assertThat(owner().sql("SELECT failed_logins FROM users WHERE id = :id")
                        .param("id", secretary.id())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void anAccountsLockSparesTheAddressesItsOwnerSignsInFromAndTheGuessesAreSummarised() {
        Account secretary = accounts.create(Role.SECRETARY);
        String usual = "198.51.100.20";
        String guesser = "203.0.113.30";
        assertThat(from(usual, secretary.username(), secretary.password())).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(from(guesser, secretary.username(), "fout-" + i)).isEqualTo(401);
        }
        assertThat(from(guesser, secretary.username(), secretary.password()))
                .as("the guessing address, with the right password")
                .isEqualTo(401);
        assertThat(from("203.0.113.31", secretary.username(), secretary.password()))
                .as("an address the account never signed in from, while it is locked")
                .isEqualTo(401);
        assertThat(from(usual, secretary.username(), secretary.password()))
                .as("the owner from their usual address")
                .isEqualTo(200);

        // six attempts from the guessing address, three audit rows: the first guess, the four
        // guesses after it (written when the reason changed), the lock
        assertThat(owner().sql(
                                "SELECT string_agg(details->>'reason' || ':' || (details->>'attempts'), ',' ORDER BY seq)"
                                        + " FROM audit_logs WHERE event_type = 'login_failed' AND entity_id = :id"
                                        + " AND details->>'source' = :source")
                        .param("id", secretary.id())
                        .param("source", guesser)
                        .query(String.class)
                        .single())
                .isEqualTo("wrong_password:1,wrong_password:4,throttled:1");
    }

    private int from(String address, String username, String password) {
        return api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/v1/me"))
                        .header("X-Forwarded-For", address)
                        .header(
                                "Authorization",
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString((username + ":" + password)
                                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .status();
    }

    @Test
    void aWrongPasswordOnTheFormIsCheckedAndCountedOnce() {
        Account secretary = accounts.create(Role.SECRETARY);
        Api browser = new Api(api.base());
        String csrf = csrf(browser.get("/login").body());
        Response wrong = browser.postForm(
                "/login", Map.of("username", secretary.username(), "password", "niet-dit", "_csrf", csrf));
        assertThat(wrong.header("Location")).endsWith("/login?error");
        assertThat(owner().sql("SELECT failed_logins FROM users WHERE id = :id")
                        .param("id", secretary.id())
                        .query(Integer.class)
                        .single())
                .as("one wrong password, one failure (not asked twice)")
                .isEqualTo(1);
        assertThat(failures(secretary.id(), "wrong_password")).isEqualTo(1);
    }

    @Test
    void theWebLoginUsesCsrfAndASessionAndIsAuditedLikeTheLogout() {
        Account secretary = accounts.create(Role.SECRETARY);
        Api browser = new Api(api.base());
        Response loginPage = browser.get("/login");
        assertThat(loginPage.status()).isEqualTo(200);
        assertThat(loginPage.body()).contains("Aanmelden").contains("lang=\"nl\"");
        String csrf = csrf(loginPage.body());

        Response withoutToken =
                browser.postForm("/login", Map.of("username", secretary.username(), "password", secretary.password()));
        assertThat(withoutToken.status()).isEqualTo(403);

        Response login = browser.postForm(
                "/login", Map.of("username", secretary.username(), "password", secretary.password(), "_csrf", csrf));
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).endsWith("/");
        assertThat(login.headers("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("VPFLOW_SESSION=vpfs_")
                        .contains("HttpOnly")
                        .contains("SameSite=Lax"));

        Response home = browser.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains(secretary.displayName()).contains("Secretaris");
        assertThat(browser.get("/?lang=en").body()).contains("Welcome").contains("Secretary");
        assertThat(browser.get("/api/v1/me").json().get("username").asString()).isEqualTo(secretary.username());
        assertThat(sessions(secretary))
                .as("one live session, a token of the database")
                .isEqualTo(1);

        Response logout = browser.postForm(
                "/logout", Map.of("_csrf", csrf(browser.get("/").body())));
        assertThat(logout.status()).isEqualTo(302);
        assertThat(browser.get("/").status()).isEqualTo(302);
        assertThat(sessions(secretary)).as("the session ended in the database").isZero();
        assertThat(owner().sql("SELECT string_agg(event_type, ',' ORDER BY seq) FROM audit_logs WHERE entity_id = :id"
                                + " AND event_type IN ('login_succeeded', 'logout')")
                        .param("id", secretary.id())
                        .query(String.class)
                        .single())
                .isEqualTo("login_succeeded,logout");
    }

    @Test
    void aFailedWebLoginShowsAReadableMessage() {
        Api browser = new Api(api.base());
        String csrf = csrf(browser.get("/login?lang=en").body());
        Response failed = browser.postForm("/login", Map.of("username", "nobody", "password", "wrong", "_csrf", csrf));
        assertThat(failed.status()).isEqualTo(302);
        assertThat(failed.header("Location")).endsWith("/login?error");
        assertThat(browser.get("/login?error").body()).contains("Sign-in failed");
    }

    @Test
    void pagesRedirectToTheLoginAndTheHealthCheckIsOpen() {
        Response home = api.get("/");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.header("Location")).endsWith("/login");
        assertThat(api.get("/actuator/health").body()).contains("UP");
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile(
                        "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|content=\"([^\"]+)\"[^>]*name=\"_csrf\"|name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }

    private long sessions(Account account) {
        return owner().sql("SELECT count(*) FROM access_tokens WHERE user_id = :id AND kind = 'session'"
                        + " AND revoked_at IS NULL")
                .param("id", account.id())
                .query(Long.class)
                .single();
    }
}
