package sr.gov.vpflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * The command line beside a running server: it attaches to the server's embedded PostgreSQL
 * (the test application's) and acts on the same data.
 */
class CliIT extends IntegrationTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private InputStream stdin;

    @BeforeEach
    void pointAtTheRunningServer() {
        System.setProperty("vpflow.data-dir", sharedDataDir().toString());
        System.setProperty("vpflow.login.bcrypt-strength", "4");
        System.setProperty("vpflow.login.require-second-factor", "false");
        stdin = System.in;
    }

    @AfterEach
    void restore() {
        System.clearProperty("vpflow.data-dir");
        System.clearProperty("vpflow.login.bcrypt-strength");
        System.clearProperty("vpflow.login.require-second-factor");
        System.setIn(stdin);
    }

    private int run(String stdinText, String... args) {
        if (stdinText != null) {
            System.setIn(new ByteArrayInputStream(stdinText.getBytes(StandardCharsets.UTF_8)));
        }
        return Cli.execute(VpFlowApplication.class, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void userAddPasswdAndDisableWorkWhileTheServerRuns() {
        String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(run(
                        "Vanuit-de-terminal-2026\n",
                        "user",
                        "add",
                        name,
                        "--display-name",
                        "Kiran Mahabier",
                        "--role",
                        "secretary",
                        "--password-stdin"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("created " + name);
        assertThat(api.basic("/api/v1/me", name, "Vanuit-de-terminal-2026")
                        .json()
                        .get("display_name")
                        .asString())
                .isEqualTo("Kiran Mahabier");

        assertThat(run("Nog-een-wachtwoord-2026\n", "user", "passwd", name, "--password-stdin"))
                .isZero();
        assertThat(api.basic("/api/v1/me", name, "Nog-een-wachtwoord-2026").status())
                .isEqualTo(200);

        assertThat(run(null, "user", "disable", name)).isZero();
        assertThat(api.basic("/api/v1/me", name, "Nog-een-wachtwoord-2026").status())
                .isEqualTo(401);
        assertThat(run(null, "user", "enable", name)).isZero();
        assertThat(out.toString()).contains(name + " enabled");
        assertThat(run(null, "user", "role", name, "vp")).isZero();
        assertThat(out.toString()).contains("takes effect when a Vice President approves it");
        assertThat(api.basic("/api/v1/me", name, "Nog-een-wachtwoord-2026")
                        .json()
                        .get("role")
                        .asString())
                .isEqualTo("secretary");

        assertThat(owner().sql("""
                        SELECT string_agg(a.event_type || ':' || (a.details->>'channel'), ',' ORDER BY a.seq)
                        FROM audit_logs a JOIN users u ON u.id = a.entity_id
                        WHERE u.username = :name AND a.event_type LIKE 'user_%'""").param("name", name).query(String.class).single())
                .isEqualTo("user_created:cli,user_password_changed:cli,user_disabled:cli");
    }

    @Test
    void theOperatorMakesTheFirstVicePresidentAndTheNextWaitsForApproval() {
        System.setProperty("vpflow.data-dir", newDataDir("cli-first-vp").toString());
        assertThat(run(
                        "Kiran-schrijft-brieven-op-zondag\n",
                        "user",
                        "add",
                        "eerste-vp",
                        "--display-name",
                        "Eerste VP",
                        "--role",
                        "vp",
                        "--password-stdin"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("created eerste-vp").doesNotContain("disabled");
        out.getBuffer().setLength(0);
        assertThat(run(
                        "Anjali-leest-kranten-bij-de-koffie\n",
                        "user",
                        "add",
                        "tweede-vp",
                        "--display-name",
                        "Tweede VP",
                        "--role",
                        "vp",
                        "--password-stdin"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("created tweede-vp")
                .contains("stays disabled until another Vice President approves request");
        out.getBuffer().setLength(0);
        assertThat(run(null, "user", "list")).isZero();
        assertThat(out.toString()).containsPattern("eerste-vp.*vp.*active").containsPattern("tweede-vp.*vp.*disabled");
    }

    @Test
    void withoutAPasswordTheCommandLinePrintsAnActivationLinkToHandOver() {
        String name = "link-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(run(null, "user", "add", name, "--display-name", "Ravi Ramdin", "--role", "secretary"))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("created " + name)
                .contains("activation link")
                .contains("/activate/vpfl_");
        out.getBuffer().setLength(0);
        assertThat(run(null, "user", "reset", name)).as(err.toString()).isZero();
        java.util.regex.Matcher link =
                java.util.regex.Pattern.compile("/activate/(vpfl_\\S+)").matcher(out.toString());
        assertThat(link.find()).isTrue();
        assertThat(api.get("/api/v1/activations/" + link.group(1))
                        .json()
                        .get("username")
                        .asString())
                .isEqualTo(name);
    }

    @Test
    void refusalsSayWhyAndExitWithOne() {
        assertThat(run("kort\n", "user", "add", "cli-weak", "--display-name", "X", "--role", "vp", "--password-stdin"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("weak_password");
        assertThat(run(
                        "Lang-genoeg-wachtwoord\n",
                        "user",
                        "add",
                        "cli-role",
                        "--display-name",
                        "X",
                        "--role",
                        "koning",
                        "--password-stdin"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("unknown_role");
        assertThat(run(null, "user", "disable", "nobody-at-all")).isEqualTo(1);
        assertThat(run(null, "user", "add")).isEqualTo(2);
    }

    @Test
    void auditVerifyReportsAnIntactChain() {
        assertThat(run(null, "audit", "verify")).isZero();
        assertThat(out.toString()).startsWith("audit log intact:");
        assertThat(run(null, "audit", "verify", "--json")).isZero();
        assertThat(out.toString()).contains("\"valid\":true");
    }

    @Test
    void theOperatorExportsThePeriodAndAnAuditorVerifiesItOffline() throws Exception {
        String today =
                java.time.LocalDate.now(sr.gov.vpflow.platform.OfficeTime.ZONE).toString();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("audit-export");
        java.nio.file.Path file = dir.resolve("export.zip");
        assertThat(run(null, "audit", "export", "--from", today, "--to", today, "--output", file.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).startsWith("wrote " + file).contains("signed checkpoints");
        assertThat(run(null, "audit", "export", "--from", today, "--to", today, "--output", file.toString()))
                .as("an existing file is not overwritten")
                .isEqualTo(1);
        assertThat(err.toString()).contains("file_exists");

        java.nio.file.Path key = sharedDataDir().resolve("secrets").resolve("audit-signing-key.pub");
        out.getBuffer().setLength(0);
        assertThat(run(null, "audit", "verify-export", file.toString(), "--key", key.toString()))
                .as(out.toString())
                .isZero();
        assertThat(out.toString()).startsWith("audit export intact:").contains("(the key you gave)");

        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        java.nio.file.Path changed = dir.resolve("changed.zip");
        java.nio.file.Files.write(changed, bytes);
        out.getBuffer().setLength(0);
        assertThat(run(null, "audit", "verify-export", changed.toString(), "--key", key.toString()))
                .isEqualTo(3);
        assertThat(out.toString()).contains("PROBLEM").contains("audit export NOT intact");
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {
            {"--help"},
            {"serve", "--help"},
            {"user", "--help"},
            {"user", "reset", "--help"},
            {"user", "enable", "--help"},
            {"user", "role", "--help"},
            {"audit", "export", "--help"},
            {"audit", "verify-export", "--help"},
            {"user", "add", "--help"},
            {"user", "passwd", "--help"},
            {"user", "disable", "--help"},
            {"audit", "verify", "--help"}
        }) {
            assertThat(run(null, command)).isZero();
        }
        assertThat(out.toString())
                .contains("Usage: vpflow")
                .contains("--password-stdin")
                .contains("VPFLOW_DATA_DIR");
    }

    @Test
    void aUserDisabledFromTheCommandLineIsRefusedOnTheNextRequestOfEverySessionAndToken() {
        Account secretary = accounts.create(Role.SECRETARY);
        PageSession browser = PageSession.signIn(api.base(), secretary);
        String token = api.post("/api/v1/me/tokens", secretary, Map.of("name", "Script"))
                .json()
                .get("token")
                .asString();
        assertThat(browser.get("/cases").status()).isEqualTo(200);
        assertThat(bearer(token).status()).isEqualTo(200);

        assertThat(run(null, "user", "disable", secretary.username()))
                .as(err.toString())
                .isZero();

        Api.Response page = browser.get("/cases");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(bearer(token).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", secretary).status()).isEqualTo(401);
        assertThat(owner().sql("SELECT count(*) FROM access_tokens WHERE user_id = :u AND revoked_at IS NULL")
                        .param("u", secretary.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private Api.Response bearer(String token) {
        return api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + "/api/v1/me"))
                .header("Authorization", "Bearer " + token)
                .GET());
    }
}
