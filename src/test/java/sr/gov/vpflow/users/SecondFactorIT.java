package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import sr.gov.vpflow.support.Totp;

/**
 * A second factor for the Vice President and the administrator (VPFLOW_REQUIRE_SECOND_FACTOR on):
 * set up at the first sign-in with a one-time code app, asked at every sign-in after the
 * password, a recovery code once in its stead, HTTP Basic refused; the codes are RFC 6238's.
 */
class SecondFactorIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("<code id=\"totp-secret\">([^<]+)</code>");
    private static final Pattern CODES = Pattern.compile("<li><code>([a-z0-9]{10})</code></li>");

    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theDatabasesCodesAreRfc6238s() throws Exception {
        Path dir = IntegrationTest.preparedDataDir("totp-vectors");
        app = StandaloneApplication.start(dir, false);
        JdbcClient owner = JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
        byte[] secret = "12345678901234567890".getBytes();
        // RFC 6238, appendix B, SHA-1: the last six of 94287082, 07081804, 14050471, 89005924
        for (Map.Entry<Long, String> vector : Map.of(
                        59L / 30,
                        "287082",
                        1111111109L / 30,
                        "081804",
                        1111111111L / 30,
                        "050471",
                        1234567890L / 30,
                        "005924")
                .entrySet()) {
            assertThat(owner.sql("SELECT vpflow.totp(:s, :t)")
                            .param("s", secret)
                            .param("t", vector.getKey())
                            .query(String.class)
                            .single())
                    .isEqualTo(vector.getValue())
                    .isEqualTo(Totp.code(secret, vector.getKey()));
        }
    }

    @Test
    void theAdministratorSetsUpTheAppAtTheFirstSignInAndNeedsItEveryTimeAfter() throws Exception {
        Path dir = IntegrationTest.preparedDataDir("second-factor");
        app = StandaloneApplication.start(dir, true, "vpflow.login.require-second-factor=true");
        String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        TestAccounts accounts = TestAccounts.of(app);
        TestAccounts.Account admin = accounts.create(Role.ADMIN);
        TestAccounts.Account secretary = accounts.create(Role.SECRETARY);
        Api api = new Api(base);

        // a password alone opens nothing for an account that needs a second factor
        assertThat(api.get("/api/v1/me", admin).status()).as("HTTP Basic").isEqualTo(401);
        assertThat(api.get("/api/v1/me", secretary).status()).isEqualTo(200);

        Api browser = new Api(base);
        Api.Response afterPassword = signIn(browser, admin);
        assertThat(afterPassword.header("Location")).endsWith("/login/second-factor");
        assertThat(browser.get("/api/v1/me").status())
                .as("the waiting session proves nobody")
                .isEqualTo(401);
        Api.Response enroll = browser.get("/login/second-factor");
        assertThat(enroll.status()).isEqualTo(200);
        assertThat(enroll.body()).contains("otpauth://totp/VP-Flow:" + admin.username());
        Matcher key = SECRET.matcher(enroll.body());
        assertThat(key.find()).isTrue();
        byte[] secret = new Base32().decode(key.group(1).replace(" ", ""));

        Api.Response wrong = post(
                browser,
                "/login/second-factor",
                enroll.body(),
                "000000".equals(Totp.code(secret, Totp.step())) ? "111111" : "000000");
        assertThat(wrong.status()).isEqualTo(400);
        Api.Response codesPage = post(browser, "/login/second-factor", wrong.body(), Totp.code(secret, Totp.step()));
        assertThat(codesPage.status()).isEqualTo(200);
        Matcher codes = CODES.matcher(codesPage.body());
        List<String> recovery = codes.results().map(m -> m.group(1)).toList();
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
        assertThat(browser.get("/api/v1/me").json().get("username").asString()).isEqualTo(admin.username());

        // next time: the code, once per step; and a recovery code once in its stead
        Api second = new Api(base);
        signIn(second, admin);
        Api.Response ask = second.get("/login/second-factor");
        assertThat(ask.body()).doesNotContain("totp-secret");
        assertThat(post(second, "/login/second-factor", ask.body(), Totp.code(secret, Totp.step()))
                        .status())
                .as("a code already used is refused")
                .isEqualTo(400);
        assertThat(post(second, "/login/second-factor", ask.body(), recovery.get(0))
                        .status())
                .isEqualTo(302);
        assertThat(second.get("/api/v1/me").status()).isEqualTo(200);
        Api third = new Api(base);
        signIn(third, admin);
        Api.Response again = third.get("/login/second-factor");
        assertThat(post(third, "/login/second-factor", again.body(), recovery.get(0))
                        .status())
                .as("a recovery code works once")
                .isEqualTo(400);

        // a lost phone: the operator resets it; the app is set up again at the next sign-in
        assertThat(accounts.asSystem(
                                Role.ADMIN, () -> app.getBean(UserService.class).resetSecondFactor(admin.id()))
                        .requested())
                .isFalse();
        assertThat(second.get("/api/v1/me").status()).as("its sessions end").isEqualTo(401);
        Api fourth = new Api(base);
        signIn(fourth, admin);
        assertThat(fourth.get("/login/second-factor").body()).contains("totp-secret");

        JdbcClient owner = JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
        assertThat(owner.sql(
                                "SELECT string_agg(event_type, ',' ORDER BY seq) FROM vpflow.audit_logs"
                                        + " WHERE entity_id = :id AND event_type IN ('second_factor_enrolled', 'recovery_code_used', 'second_factor_reset')")
                        .param("id", admin.id())
                        .query(String.class)
                        .single())
                .isEqualTo("second_factor_enrolled,recovery_code_used,second_factor_reset");
        assertThat(owner.sql("SELECT count(*) FROM vpflow.audit_logs WHERE entity_id = :id"
                                + " AND event_type = 'login_failed' AND details->>'reason' = 'wrong_code'")
                        .param("id", admin.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    private static Api.Response signIn(Api browser, TestAccounts.Account account) {
        String page = browser.get("/login").body();
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).isTrue();
        Api.Response response = browser.postForm(
                "/login",
                Map.of("username", account.username(), "password", account.password(), "_csrf", csrf.group(1)));
        assertThat(response.status()).isEqualTo(302);
        return response;
    }

    private static Api.Response post(Api browser, String path, String page, String code) {
        Matcher csrf = CSRF.matcher(page);
        assertThat(csrf.find()).as("a CSRF token on the page").isTrue();
        return browser.postForm(path, Map.of("code", code, "_csrf", csrf.group(1)));
    }
}
