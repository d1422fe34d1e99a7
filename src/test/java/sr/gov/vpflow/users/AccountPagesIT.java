package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/** The account page: a token and a calendar address are made, shown once, listed and revoked. */
class AccountPagesIT extends IntegrationTest {

    private static final Pattern TOKEN = Pattern.compile("<code id=\"new-token-value\">([^<]+)</code>");
    private static final Pattern FEED = Pattern.compile("<code id=\"new-feed-url\">([^<]+)</code>");

    @Test
    void aSecretaryMakesUsesAndRevokesATokenAndMakesACalendarAddress() {
        Account secretary = accounts.create(Role.SECRETARY);
        PageSession pages = PageSession.signIn(api.base(), secretary);

        Response page = pages.get("/account");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Mijn account")
                .contains("U hebt geen tokens.")
                .contains("Agenda-abonnement");

        Response made = pages.post("/account/tokens", Map.of("name", "Weekrapport"));
        assertThat(made.status()).isEqualTo(200);
        assertThat(made.header("Cache-Control")).contains("no-store");
        Matcher token = TOKEN.matcher(made.body());
        assertThat(token.find()).as(made.body()).isTrue();
        assertThat(made.body()).contains("Weekrapport");
        Response me = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/me"))
                .header("Authorization", "Bearer " + token.group(1))
                .GET());
        assertThat(me.status()).isEqualTo(200);

        Response again = pages.get("/account");
        assertThat(again.body()).contains("Weekrapport").doesNotContain(token.group(1));

        Response nameless = pages.post("/account/tokens", Map.of("name", ""));
        assertThat(nameless.status()).isEqualTo(400);
        assertThat(nameless.body()).contains("id=\"token-error\"");

        String id = api.get("/api/v1/me/tokens", secretary)
                .json()
                .get("items")
                .get(0)
                .get("id")
                .asString();
        Response revoked = pages.post("/account/tokens/" + id + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(pages.get("/account").body())
                .contains("Het token is ingetrokken")
                .contains("U hebt geen tokens.");
        assertThat(api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/me"))
                                .header("Authorization", "Bearer " + token.group(1))
                                .GET())
                        .status())
                .isEqualTo(401);

        Response feed = pages.post("/account/feed", Map.of());
        Matcher url = FEED.matcher(feed.body());
        assertThat(url.find()).as(feed.body()).isTrue();
        assertThat(api.get(url.group(1).substring(api.base().length())).body()).startsWith("BEGIN:VCALENDAR");
        assertThat(pages.get("/account?lang=en").body())
                .contains("You have had a calendar address since")
                .contains("Make a new calendar address");
    }

    @Test
    void theAdministratorHasTokensButNoCalendar() {
        PageSession pages = PageSession.signIn(api.base(), accounts.create(Role.ADMIN));
        Response page = pages.get("/account");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Persoonlijke toegangstokens").doesNotContain("Agenda-abonnement");
    }

    @Test
    void theActivationPageLetsThePersonChooseTheirPasswordOnce() {
        Account admin = accounts.create(Role.ADMIN);
        String name = "act-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Response invited = api.post(
                "/api/v1/users",
                admin,
                java.util.Map.of("username", name, "display_name", "Kiran Mahabier", "role", "secretary"));
        String url = invited.json().get("activation").get("url").asString();
        String path = url.substring(api.base().length());

        PageSession browser = PageSession.anonymous(api.base(), path);
        Response page = browser.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.body())
                .contains("Kies uw wachtwoord")
                .contains("Kiran Mahabier")
                .contains(name);

        Response differ = browser.post(
                path,
                java.util.Map.of("password", "Kiran-leest-graag-romans", "password_repeated", "Kiran-leest-graag"));
        assertThat(differ.status()).isEqualTo(400);
        assertThat(differ.body()).contains("De twee wachtwoorden verschillen.");
        Response weak =
                browser.post(path, java.util.Map.of("password", "qwerty123456", "password_repeated", "qwerty123456"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.body()).contains("id=\"activation-error\"");

        Response set = browser.post(
                path,
                java.util.Map.of(
                        "password", "Kiran-leest-graag-romans", "password_repeated", "Kiran-leest-graag-romans"));
        assertThat(set.status()).isEqualTo(302);
        assertThat(set.header("Location")).endsWith("/login?activated");
        assertThat(api.basic("/api/v1/me", name, "Kiran-leest-graag-romans").status())
                .isEqualTo(200);

        Response again = browser.get(path);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("Deze link is al gebruikt").doesNotContain("activate-form");
        assertThat(browser.get("/activate/vpfl_" + "C".repeat(43)).status()).isEqualTo(404);
    }

    @Test
    void theAccountPageChangesThePasswordWithTheCurrentOneAndShowsSessionsAndSignIns() {
        Account secretary = accounts.create(Role.SECRETARY);
        api.basic("/api/v1/me", secretary.username(), "een-verkeerd-wachtwoord");
        PageSession elsewhere = PageSession.signIn(api.base(), secretary);
        PageSession pages = PageSession.signIn(api.base(), secretary);

        Response page = pages.get("/account");
        assertThat(page.body())
                .contains("Waar u bent aangemeld")
                .contains("deze sessie")
                .contains("Daar afmelden")
                .contains("Recente aanmeldingen")
                .contains("geweigerd")
                .contains("id=\"language-en\"");
        assertThat(pages.get("/account?lang=en").body()).contains("Where you are signed in");

        // the other session ends from here
        java.util.regex.Matcher other = java.util.regex.Pattern.compile("action=\"(/account/sessions/[^/]+/end)\"")
                .matcher(page.body());
        assertThat(other.find()).isTrue();
        assertThat(pages.post(other.group(1), java.util.Map.of()).status()).isEqualTo(302);
        assertThat(elsewhere.get("/account").status()).as("signed out there").isEqualTo(302);
        assertThat(pages.get("/account").status()).isEqualTo(200);

        Response wrong = pages.post(
                "/account/password",
                java.util.Map.of(
                        "current_password", "niet-het-huidige",
                        "new_password", "Anjali-schrijft-brieven-7",
                        "new_password_repeated", "Anjali-schrijft-brieven-7"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"password-error\"");
        Response changed = pages.post(
                "/account/password",
                java.util.Map.of(
                        "current_password", secretary.password(),
                        "new_password", "Anjali-schrijft-brieven-7",
                        "new_password_repeated", "Anjali-schrijft-brieven-7"));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(changed.header("Location")).endsWith("/login?changed");
        assertThat(pages.get("/account").status())
                .as("the new password ends the session")
                .isEqualTo(302);
        assertThat(api.basic("/api/v1/me", secretary.username(), "Anjali-schrijft-brieven-7")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/me", secretary).status()).isEqualTo(401);
    }

    @Test
    void anyUserSetsUpAOneTimeCodeAppOnTheAccountPageAndItIsAskedFromThenOn() throws Exception {
        Account secretary = accounts.create(Role.SECRETARY);
        PageSession pages = PageSession.signIn(api.base(), secretary);
        assertThat(pages.get("/account").body()).contains("id=\"second-factor-begin\"");
        assertThat(pages.post("/account/second-factor", java.util.Map.of()).status())
                .isEqualTo(302);
        Response pending = pages.get("/account");
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("<code id=\"totp-secret\">([^<]+)</code>")
                .matcher(pending.body());
        assertThat(key.find()).isTrue();
        byte[] secret =
                new org.apache.commons.codec.binary.Base32().decode(key.group(1).replace(" ", ""));
        long step = java.time.Instant.now().getEpochSecond() / 30;

        Response wrong = pages.post(
                "/account/second-factor/confirm",
                java.util.Map.of(
                        "code", sr.gov.vpflow.support.Totp.code(secret, step).equals("000000") ? "111111" : "000000"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("id=\"second-factor-error\"");
        Response confirmed = pages.post(
                "/account/second-factor/confirm",
                java.util.Map.of("code", sr.gov.vpflow.support.Totp.code(secret, step)));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(java.util.regex.Pattern.compile("<li><code>[a-z0-9]{10}</code></li>")
                        .matcher(confirmed.body())
                        .results()
                        .count())
                .isEqualTo(10);
        assertThat(pages.get("/account").body()).contains("id=\"second-factor-active\"");

        // from now on the password alone opens nothing
        assertThat(api.get("/api/v1/me", secretary).status()).as("HTTP Basic").isEqualTo(401);
        sr.gov.vpflow.support.Api browser = new sr.gov.vpflow.support.Api(api.base());
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(browser.get("/login").body());
        assertThat(csrf.find()).isTrue();
        Response signIn = browser.postForm(
                "/login",
                java.util.Map.of(
                        "username", secretary.username(), "password", secretary.password(), "_csrf", csrf.group(1)));
        assertThat(signIn.header("Location")).endsWith("/login/second-factor");
    }
}
