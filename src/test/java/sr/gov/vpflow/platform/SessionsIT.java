package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * The web session is a database token in a cookie: nothing is kept on the server, the CSRF token
 * is always needed with the cookie, an Authorization header is judged alone, and the database
 * ends a session the moment access is taken away, from wherever it is taken away.
 */
class SessionsIT extends IntegrationTest {

    private long liveTokens() {
        return owner().sql("SELECT count(*) FROM access_tokens")
                .query(Long.class)
                .single();
    }

    @Test
    void anAnonymousRequestStoresNothingOnTheServer() {
        long before = liveTokens();
        Api anonymous = new Api(api.base());
        for (int i = 0; i < 5; i++) {
            Response me = anonymous.get("/api/v1/me");
            assertThat(me.status()).isEqualTo(401);
            assertThat(me.headers("Set-Cookie")).isEmpty();
            Response cases = anonymous.get("/api/v1/cases");
            assertThat(cases.status()).isEqualTo(401);
            assertThat(cases.headers("Set-Cookie")).isEmpty();
        }
        Response login = anonymous.get("/login");
        assertThat(login.status()).isEqualTo(200);
        // the sign-in form's CSRF token lives in the browser, not on the server
        assertThat(login.headers("Set-Cookie"))
                .allSatisfy(c -> assertThat(c).startsWith("VPFLOW_CSRF=").contains("HttpOnly"));
        Response page = anonymous.get("/cases");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.headers("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        assertThat(liveTokens()).isEqualTo(before);
    }

    @Test
    void aCookieAlwaysNeedsTheCsrfTokenAndAnAuthorizationHeaderIsJudgedAlone() {
        Account secretary = accounts.create(Role.SECRETARY);
        PageSession browser = PageSession.signIn(api.base(), secretary);
        String body = "{\"title\": \"Zonder token\"}";

        Response noCsrf = browser.send(json("/api/v1/cases", body));
        assertThat(noCsrf.status()).isEqualTo(403);

        // before: any Authorization header switched the CSRF check off and the cookie still signed in
        Response foreignScheme = browser.send(json("/api/v1/cases", body).header("Authorization", "Foo bar"));
        assertThat(foreignScheme.status()).isEqualTo(401);
        Response badBearer =
                browser.send(json("/api/v1/cases", body).header("Authorization", "Bearer vpfa_nonsense-token-123"));
        assertThat(badBearer.status()).isEqualTo(401);
        Response badGet = browser.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/me"))
                .header("Authorization", "Bearer vpfa_nonsense-token-123")
                .GET());
        assertThat(badGet.status()).as("no fall-back to the cookie").isEqualTo(401);
        Response wrongBasic =
                browser.send(json("/api/v1/cases", body).header("Authorization", "Basic bm9ib2R5Om5vdGhpbmc="));
        assertThat(wrongBasic.status()).isEqualTo(401);
        assertThat(owner().sql("SELECT count(*) FROM cases WHERE title = 'Zonder token'")
                        .query(Long.class)
                        .single())
                .isZero();

        // the cookie alone, with the page's CSRF token, works
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);
        Response page = browser.post("/cases", Map.of("title", "Met token", "priority", "normal"));
        assertThat(page.status()).as(page.body()).isEqualTo(302);
    }

    @Test
    void anIdleOrTooOldSessionIsEndedByTheDatabase() {
        Account vp = accounts.create(Role.VP);
        PageSession browser = PageSession.signIn(api.base(), vp);
        assertThat(browser.get("/").status()).isEqualTo(200);
        owner().sql("UPDATE access_tokens SET last_used_at = now() - interval '31 minutes'"
                        + " WHERE user_id = :u AND kind = 'session'")
                .param("u", vp.id())
                .update();
        assertThat(browser.get("/").status())
                .as("idle for longer than 30 minutes")
                .isEqualTo(302);

        PageSession again = PageSession.signIn(api.base(), vp);
        assertThat(again.get("/").status()).isEqualTo(200);
        owner().sql("UPDATE access_tokens SET expires_at = now() - interval '1 second'"
                        + " WHERE user_id = :u AND kind = 'session' AND revoked_at IS NULL")
                .param("u", vp.id())
                .update();
        assertThat(again.get("/").status()).as("older than its maximum age").isEqualTo(302);
    }

    private Response bearer(String token) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/me"))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    private HttpRequest.Builder json(String path, String body) {
        return HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
