package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;

/**
 * Guessing passwords costs the guesser: after 20 failures a minute from one address, or 10 on one
 * account, its next attempts are refused with 429 and Retry-After before any password is hashed
 * or any audit row written; the account's owner, from another address, signs in as ever. The
 * client addresses come from X-Forwarded-For, which the server takes from this machine (a trusted
 * proxy), as it would from HAProxy.
 */
class SignInThrottleIT {

    private static ConfigurableApplicationContext app;
    private static String base;
    private static JdbcClient owner;
    private static TestAccounts.Account vp;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        app = StandaloneApplication.start(
                IntegrationTest.preparedDataDir("throttle"),
                true,
                "vpflow.login.failures-per-minute=20",
                "vpflow.login.failures-per-account=10",
                // the database's own lock of an account is another matter (SessionsIT)
                "vpflow.login.max-failures=1000");
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        owner = JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
        vp = TestAccounts.of(app).create(Role.VP);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void anAddressThatGuessesTooOftenIsRefusedBeforeItsPasswordsAreChecked() throws Exception {
        String guesser = "203.0.113.10";
        long before = failuresAudited();
        for (int i = 0; i < 20; i++) {
            assertThat(basic(guesser, "geraden-" + i + "-" + UUID.randomUUID(), "wachtwoord")
                            .statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> refused = basic(guesser, "nog-een", "wachtwoord");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, 60L));
        assertThat(refused.body()).contains("too_many_attempts");
        assertThat(failuresAudited() - before)
                .as("the refused attempt reached no database")
                .isEqualTo(20);
        // even the right password waits: nothing from this address is checked for now
        assertThat(basic(guesser, vp.username(), vp.password()).statusCode()).isEqualTo(429);
        // the sign-in form from there answers the same way
        HttpResponse<String> page = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("X-Forwarded-For", guesser)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> form = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("X-Forwarded-For", guesser)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Cookie",
                                String.join(
                                        "; ",
                                        page.headers().allValues("Set-Cookie").stream()
                                                .map(c -> c.substring(0, c.indexOf(';')))
                                                .toList()))
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(vp.username()) + "&password="
                                + enc(vp.password()) + "&_csrf=" + enc(csrf.group(1))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as(form.headers().map().toString()).isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
        assertThat(form.body()).contains("Te veel mislukte aanmeldingen");

        // the owner, elsewhere, is not affected
        assertThat(basic("198.51.100.7", vp.username(), vp.password()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void oneAddressGuessingOneAccountIsStoppedAtTenWithoutLockingTheOwnerOut() throws Exception {
        String guesser = "203.0.113.20";
        for (int i = 0; i < 10; i++) {
            assertThat(basic(guesser, vp.username(), "fout-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(basic(guesser, vp.username(), "fout-10").statusCode()).isEqualTo(429);
        // the same address may still sign in to another account: only this one is closed to it
        TestAccounts.Account secretary = TestAccounts.of(app).create(Role.SECRETARY);
        assertThat(basic(guesser, secretary.username(), secretary.password()).statusCode())
                .isEqualTo(200);
        // and the Vice President, from their own address, signs in
        assertThat(basic("198.51.100.8", vp.username(), vp.password()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void guessesSentAllAtOnceDoNotSlipPast() throws Exception {
        String guesser = "203.0.113.40";
        long before = failuresAudited();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String name = "gelijktijdig-" + i + "-" + UUID.randomUUID();
                answers.add(pool.submit(() -> basic(guesser, name, "wachtwoord").statusCode()));
            }
            int checked = 0;
            int refused = 0;
            for (java.util.concurrent.Future<Integer> answer : answers) {
                int status = answer.get();
                if (status == 401) {
                    checked++;
                } else if (status == 429) {
                    refused++;
                }
            }
            assertThat(checked).as("passwords looked at").isEqualTo(20);
            assertThat(refused).isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(failuresAudited() - before).isEqualTo(20);
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(basic("2001:db8:1:2::" + Integer.toHexString(i + 1), "v6-" + i + "-" + UUID.randomUUID(), "x")
                            .statusCode())
                    .isEqualTo(401);
        }
        assertThat(basic("2001:db8:1:2:ffff::1", "v6-nog-een", "x").statusCode())
                .as("another address of the same /64")
                .isEqualTo(429);
    }

    private static HttpResponse<String> basic(String from, String username, String password) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                        .header("X-Forwarded-For", from)
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long failuresAudited() {
        return owner.sql("SELECT count(*) FROM vpflow.audit_logs WHERE event_type = 'login_failed'")
                .query(Long.class)
                .single();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
