package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/** The Vice President's page of account requests: who asked what and when, decided with a reason. */
class AccountRequestPagesIT extends IntegrationTest {

    private boolean active(UUID user) {
        return owner().sql("SELECT is_active FROM users WHERE id = :id")
                .param("id", user)
                .query(Boolean.class)
                .single();
    }

    @Test
    void theVicePresidentSeesWhoAskedWhatAndApprovesWithAReason() {
        Account admin = accounts.create(Role.ADMIN);
        Account vp = accounts.create(Role.VP);
        String name = "vp-" + UUID.randomUUID().toString().substring(0, 8);
        Response filed = api.post(
                "/api/v1/users", admin, Map.of("username", name, "display_name", "Nieuwe Vicepresident", "role", "vp"));
        String request = filed.json().get("request").get("id").asString();
        UUID user = UUID.fromString(filed.json().get("user").get("id").asString());

        PageSession pages = PageSession.signIn(api.base(), vp);
        Response page = pages.get("/account-requests");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Accountverzoeken")
                .contains("Nieuwe Vicepresident")
                .contains(name)
                .contains("Account activeren")
                .contains(admin.username())
                .contains("/account-requests/" + request + "/approve")
                .contains("/audit?entity_type=user&amp;from=");

        Response noReason = pages.post("/account-requests/" + request + "/approve", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"decision-error\"").contains("Geef een reden op.");
        assertThat(active(user)).isFalse();

        Response approved =
                pages.post("/account-requests/" + request + "/approve", Map.of("reason", "Benoemd per 1 december"));
        assertThat(approved.status()).isEqualTo(302);
        assertThat(active(user)).isTrue();
        assertThat(pages.get("/account-requests").body())
                .contains("Het verzoek is goedgekeurd en uitgevoerd.")
                .doesNotContain("/account-requests/" + request + "/approve");

        // the administrator sees the list but decides nothing; a secretary does not see it
        PageSession adminPages = PageSession.signIn(api.base(), admin);
        Response another = api.post(
                "/api/v1/users/" + accounts.create(Role.SECRETARY).id() + "/role", admin, Map.of("role", "vp"));
        String second = another.json().get("id").asString();
        assertThat(adminPages.get("/account-requests").body())
                .contains("Rol wijzigen in Vicepresident")
                .doesNotContain("/account-requests/" + second + "/approve");
        assertThat(adminPages
                        .post("/account-requests/" + second + "/approve", Map.of("reason", "zelf"))
                        .status())
                .isEqualTo(403);
        assertThat(PageSession.signIn(api.base(), accounts.create(Role.SECRETARY))
                        .get("/account-requests")
                        .status())
                .isEqualTo(403);
    }
}
