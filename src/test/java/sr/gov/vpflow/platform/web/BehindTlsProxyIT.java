package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Haproxy;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;

/**
 * VP-Flow behind a TLS proxy, as the README sets it up: HAProxy (Debian's package) runs the
 * configuration in docs/deploy/haproxy.cfg in front of the server. Through it, the session cookie
 * is Secure, HSTS is sent and redirects stay on https; forwarded headers count only from the
 * trusted proxies.
 */
class BehindTlsProxyIT extends IntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private Haproxy haproxy;
    private ConfigurableApplicationContext other;

    @AfterEach
    void stop() throws InterruptedException {
        if (haproxy != null) {
            haproxy.close();
        }
        if (other != null) {
            other.close();
        }
    }

    @Test
    void throughTheProxyTheCookieIsSecureHstsIsSentAndRedirectsStayOnHttps() throws Exception {
        haproxy = Haproxy.start("haproxy.cfg", config -> config.replace("127.0.0.1:8080", "127.0.0.1:" + port));
        assertThat(haproxy.config())
                .as("the documented configuration, with this test's ports and certificate")
                .contains("server vpflow 127.0.0.1:" + port);
        HttpClient client = haproxy.client();
        int http = haproxy.httpPort();
        String base = haproxy.httpsBase();

        HttpResponse<String> plain = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + http + "/login"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(301);
        assertThat(plain.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("https://"));

        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Strict-Transport-Security"))
                .hasValueSatisfying(h -> assertThat(h).contains("max-age="));
        for (String cookie : login.headers().allValues("Set-Cookie")) {
            assertThat(cookie).as(cookie).contains("; Secure");
        }

        HttpResponse<String> anonymous = client.send(
                HttpRequest.newBuilder(URI.create(base + "/agenda")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValue(base + "/login");

        // what a client says of its own address is replaced by the proxy: the server sees the client
        String guessed = "nobody-" + java.util.UUID.randomUUID();
        HttpResponse<String> spoofed = client.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                        .header("X-Forwarded-For", "198.51.100.99")
                        .header(
                                "Authorization",
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString((guessed + ":x").getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(spoofed.statusCode()).isEqualTo(401);
        assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(ownerDatabase.dataSource())
                        .sql("SELECT details->>'source' FROM vpflow.audit_logs WHERE event_type = 'login_failed'"
                                + " AND details->>'username' = :u")
                        .param("u", guessed)
                        .query(String.class)
                        .single())
                .isEqualTo("127.0.0.1");

        TestAccounts.Account secretary = accounts.create(Role.SECRETARY);
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = client.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookies(login))
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(secretary.username()) + "&password="
                                + enc(secretary.password()) + "&_csrf=" + enc(csrf.group(1))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith(base));
        assertThat(signedIn.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("VPFLOW_SESSION=")
                        .contains("; Secure")
                        .contains("HttpOnly"));
    }

    @Test
    void forwardedHeadersFromAnAddressThatIsNoTrustedProxyAreIgnored() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // the shared server trusts the loopback addresses: a proxy on this machine
        HttpResponse<String> trusted = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("X-Forwarded-Proto", "https")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(trusted.headers().firstValue("Strict-Transport-Security")).isPresent();

        other = StandaloneApplication.start(
                IntegrationTest.newDataDir("untrusted-proxy"),
                true,
                "server.tomcat.remoteip.internal-proxies=10\\.9\\.8\\.7");
        String otherBase = "http://localhost:" + other.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> untrusted = client.send(
                HttpRequest.newBuilder(URI.create(otherBase + "/login"))
                        .header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-Host", "vpflow.example")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(untrusted.statusCode()).isEqualTo(200);
        assertThat(untrusted.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(untrusted.headers().allValues("Set-Cookie"))
                .allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
        HttpResponse<String> redirect = client.send(
                HttpRequest.newBuilder(URI.create(otherBase + "/agenda"))
                        .header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-Host", "vpflow.example")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.headers().firstValue("Location")).hasValue(otherBase + "/login");
    }

    private static String cookies(HttpResponse<?> response) {
        List<String> pairs = response.headers().allValues("Set-Cookie").stream()
                .map(c -> c.substring(0, c.indexOf(';')))
                .toList();
        return String.join("; ", pairs);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
