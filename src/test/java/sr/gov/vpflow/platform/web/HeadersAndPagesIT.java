package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.TestAccounts.Account;
import sr.gov.vpflow.support.Uploads;

/**
 * The headers a browser is told to hold VP-Flow to, on the API as on the pages; VP-Flow's own
 * page for an address that does not exist; an icon; a document's content shown in a sandbox.
 */
class HeadersAndPagesIT extends IntegrationTest {

    @Test
    void theApiAndThePagesSendTheSameProtectiveHeaders() {
        Account secretary = accounts.create(Role.SECRETARY);
        for (Api.Response response : new Api.Response[] {api.get("/api/v1/me", secretary), api.get("/login")}) {
            assertThat(response.header("Referrer-Policy")).isEqualTo("same-origin");
            assertThat(response.header("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
            assertThat(response.header("Permissions-Policy"))
                    .contains("camera=()")
                    .contains("geolocation=()")
                    .contains("microphone=()");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void htmxIsToldNotToInjectAStyleTheContentSecurityPolicyForbids() {
        assertThat(api.get("/login").body())
                .contains("<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false}'>");
    }

    @Test
    void anUnknownAddressGetsVpFlowsOwnPageInTheReadersLanguage() {
        // signed out, every page but the sign-in asks to sign in first: whether it exists is not told
        assertThat(api.send(HttpRequest.newBuilder(URI.create(api.base() + "/bestaat-niet")))
                        .status())
                .isEqualTo(302);
        PageSession secretary = PageSession.signIn(api.base(), accounts.create(Role.SECRETARY));
        Api.Response dutch = secretary.send(HttpRequest.newBuilder(URI.create(api.base() + "/bestaat-niet"))
                .header("Accept", "text/html,application/xhtml+xml"));
        assertThat(dutch.status()).isEqualTo(404);
        assertThat(dutch.body())
                .doesNotContain("Whitelabel")
                .contains("VP-Flow")
                .contains("Deze pagina bestaat niet");
        Api.Response english = secretary.send(HttpRequest.newBuilder(URI.create(api.base() + "/does-not-exist?lang=en"))
                .header("Accept", "text/html,application/xhtml+xml"));
        assertThat(english.status()).isEqualTo(404);
        assertThat(english.body()).doesNotContain("Whitelabel").contains("This page does not exist");
    }

    @Test
    void theIconIsThere() {
        Api.Response icon = api.get("/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.header("Content-Type")).startsWith("image/");
    }

    @Test
    void aDocumentShownInTheBrowserRunsInASandbox() {
        Account secretary = accounts.create(Role.SECRETARY);
        Uploads uploads = new Uploads(api.base());
        HttpResponse<String> upload = uploads.upload(
                secretary, Uploads.body("Sandbox " + UUID.randomUUID(), "s.pdf", "application/pdf", Samples.pdf()));
        assertThat(upload.statusCode()).isEqualTo(201);
        UUID id = UUID.fromString(upload.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
        HttpResponse<byte[]> inline = uploads.content(secretary, id, "disposition=inline");
        assertThat(inline.statusCode()).isEqualTo(200);
        assertThat(inline.headers().allValues("Content-Security-Policy"))
                .singleElement()
                .satisfies(csp -> assertThat(csp).contains("sandbox").contains("default-src 'none'"));
    }
}
