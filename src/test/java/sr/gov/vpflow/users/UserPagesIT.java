package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.OfficeContent;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * The administrator's page of accounts: an account made there gets its activation link, which
 * works; disabling it ends its sessions and tokens at once, enabling it lets it in again; a change
 * of the Vice President's power becomes a request; the office's roles get 403 and the page shows
 * nothing of the office's work.
 */
class UserPagesIT extends IntegrationTest {

    private static final Pattern LINK = Pattern.compile("<code id=\"activation-link\">([^<]+)</code>");

    @Test
    void theAdministratorMakesAnAccountWhoseLinkWorksThenDisablesAndEnablesIt() {
        Account admin = accounts.create(Role.ADMIN);
        PageSession pages = PageSession.signIn(api.base(), admin);
        String name = "nieuw-" + UUID.randomUUID().toString().substring(0, 8);

        Response list = pages.get("/users");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body())
                .contains("<h1>Gebruikers</h1>")
                .contains(admin.username())
                .contains("href=\"/account-requests\"")
                .contains("href=\"/restore-points\"")
                .contains("href=\"/migrations\"");

        Response made =
                pages.post("/users", Map.of("username", name, "display_name", "Shanti Ramdin", "role", "secretary"));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.header("Cache-Control")).contains("no-store");
        assertThat(made.body()).contains("Het account " + name + " is gemaakt.");
        Matcher link = LINK.matcher(made.body());
        assertThat(link.find()).as(made.body()).isTrue();
        String url = link.group(1);
        assertThat(url).startsWith(api.base() + "/activate/vpfl_");
        assertThat(row(pages.get("/users").body(), name))
                .contains("Shanti Ramdin")
                .contains("wacht op activering")
                .contains("activeringslink geldig tot")
                .doesNotContain(url);

        // the person chooses a password with the link, and signs in
        String path = url.substring(api.base().length());
        PageSession browser = PageSession.anonymous(api.base(), path);
        String password = "Shanti-plant-" + UUID.randomUUID();
        assertThat(browser.post(path, Map.of("password", password, "password_repeated", password))
                        .status())
                .isEqualTo(302);
        UUID id = owner().sql("SELECT id FROM users WHERE username = :n")
                .param("n", name)
                .query(UUID.class)
                .single();
        Account person = new Account(id, name, password, Role.SECRETARY, "Shanti Ramdin");
        PageSession personPages = PageSession.signIn(api.base(), person);
        assertThat(personPages.get("/agenda").status()).isEqualTo(200);
        String token = api.post("/api/v1/me/tokens", person, Map.of("name", "script"))
                .json()
                .get("token")
                .asString();
        assertThat(bearer(token).status()).isEqualTo(200);
        assertThat(row(pages.get("/users").body(), name))
                .contains("actief")
                .doesNotContain("wacht op activering")
                .doesNotContain("activeringslink geldig tot");

        // disabled: the session and the token are refused on their next request
        Response disabled = pages.post("/users/" + id + "/disable", Map.of());
        assertThat(disabled.status()).isEqualTo(302);
        assertThat(disabled.header("Location")).endsWith("/users");
        assertThat(pages.get("/users").body()).contains("Het account " + name + " is uitgeschakeld");
        assertThat(row(pages.get("/users").body(), name)).contains("uitgeschakeld");
        assertThat(personPages.get("/agenda").status())
                .as("the disabled account's session")
                .isEqualTo(302);
        assertThat(bearer(token).status()).as("the disabled account's token").isEqualTo(401);
        assertThat(api.basic("/api/v1/me", name, password).status()).isEqualTo(401);
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'user_disabled' AND entity_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // enabled again: the password works, the ended token stays ended
        Response enabled = pages.post("/users/" + id + "/enable", Map.of());
        assertThat(enabled.status()).isEqualTo(302);
        assertThat(pages.get("/users").body()).contains("Het account " + name + " is weer ingeschakeld.");
        assertThat(api.basic("/api/v1/me", name, password).status()).isEqualTo(200);
        assertThat(bearer(token).status()).isEqualTo(401);

        // a lost password: a new link, shown once
        Response reset = pages.post("/users/" + id + "/reset", Map.of());
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.header("Cache-Control")).contains("no-store");
        assertThat(reset.body()).contains("Een nieuwe activeringslink voor " + name);
        assertThat(LINK.matcher(reset.body()).find()).isTrue();
        assertThat(row(pages.get("/users").body(), name)).contains("link voor een nieuw wachtwoord geldig tot");

        // another role takes effect at once; to vp it is a request for a Vice President
        assertThat(pages.post("/users/" + id + "/role", Map.of("role", "admin")).status())
                .isEqualTo(302);
        assertThat(pages.get("/users").body()).contains("De rol van " + name + " is gewijzigd");
        assertThat(pages.post("/users/" + id + "/role", Map.of("role", "vp")).status())
                .isEqualTo(302);
        assertThat(pages.get("/users").body()).contains("De wijziging van " + name + " raakt de bevoegdheid");
        assertThat(row(pages.get("/users").body(), name))
                .contains("Beheerder")
                .contains("verzoek wacht: Rol wijzigen in Vicepresident");
    }

    @Test
    void theListShowsALockedAccountAndTheAdministratorCannotDisableThemselves() {
        Account admin = accounts.create(Role.ADMIN);
        Account locked = accounts.create(Role.SECRETARY);
        owner().sql("UPDATE users SET failed_logins = 5, locked_until = now() + interval '10 minutes' WHERE id = :id")
                .param("id", locked.id())
                .update();
        PageSession pages = PageSession.signIn(api.base(), admin);
        assertThat(row(pages.get("/users").body(), locked.username())).contains("vergrendeld");

        Response self = pages.post("/users/" + admin.id() + "/disable", Map.of());
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.body()).contains("id=\"action-error\"").contains("U kunt uw eigen account niet uitschakelen.");

        Response taken = pages.post(
                "/users", Map.of("username", locked.username(), "display_name", "Dubbel", "role", "secretary"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("id=\"create-error\"").contains("al in gebruik");
        assertThat(pages.get("/users?lang=en").body()).contains("New account").contains("locked after failed sign-ins");
    }

    @Test
    void theOfficeRolesGetForbiddenAndThePageShowsNoOfficeContent() {
        Account secretary = accounts.create(Role.SECRETARY);
        OfficeContent content = OfficeContent.seed(api, secretary);
        String guest = content.guestName();
        String title = content.caseTitle();
        String guestId = content.guestId();

        for (Role role : new Role[] {Role.VP, Role.SECRETARY}) {
            PageSession office = PageSession.signIn(api.base(), accounts.create(role));
            assertThat(office.get("/users").status()).as("%s GET /users", role).isEqualTo(403);
            assertThat(office.post(
                                    "/users",
                                    Map.of(
                                            "username",
                                            "x-" + UUID.randomUUID().toString().substring(0, 8),
                                            "display_name",
                                            "X",
                                            "role",
                                            "secretary"))
                            .status())
                    .as("%s POST /users", role)
                    .isEqualTo(403);
            for (String action : new String[] {"disable", "enable", "reset", "second-factor/reset", "role"}) {
                assertThat(office.post("/users/" + secretary.id() + "/" + action, Map.of("role", "admin"))
                                .status())
                        .as("%s POST %s", role, action)
                        .isEqualTo(403);
            }
            assertThat(office.get("/").body()).doesNotContain("href=\"/users\"");
        }

        PageSession admin = PageSession.signIn(api.base(), accounts.create(Role.ADMIN));
        Response page = admin.get("/users");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(guest).doesNotContain(title).doesNotContain(guestId);
    }

    /** The account's row of the list. */
    private static String row(String page, String username) {
        Matcher row = Pattern.compile(
                        "<tr[^>]*id=\"account-" + Pattern.quote(username) + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).as("the row of %s in %s", username, page).isTrue();
        return row.group(1);
    }

    private Response bearer(String token) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/me"))
                .header("Authorization", "Bearer " + token)
                .GET());
    }
}
