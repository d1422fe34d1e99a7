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
}
