package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.users.NewUser;
import sr.gov.vpflow.users.UserService;

/** The embedded default keeps its data under the data folder, across restarts. */
class EmbeddedDatabaseRestartIT {

    @Test
    void dataAndTheInitialAdministratorSurviveARestart() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("restart");
        UUID created;
        String adminPassword;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        ConfigurableApplicationContext started;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            started = StandaloneApplication.start(dataDir, true);
        } finally {
            System.setOut(original);
            original.print(console.toString(StandardCharsets.UTF_8));
        }
        try (ConfigurableApplicationContext first = started) {
            Path passwordFile = dataDir.resolve("initial-admin-password");
            assertThat(passwordFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                    .isEqualTo("rw-------");
            adminPassword = Files.readString(passwordFile).strip();
            assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(20);
            assertThat(console.toString(StandardCharsets.UTF_8))
                    .as("the console is the server's log: it says where the password is, not what")
                    .doesNotContain(adminPassword)
                    .contains(passwordFile.toAbsolutePath().toString());
            Api api = new Api("http://localhost:" + first.getEnvironment().getProperty("local.server.port"));
            assertThat(api.basic("/api/v1/me", "admin", adminPassword)
                            .json()
                            .get("role")
                            .asString())
                    .isEqualTo("admin");
            created = first.getBean(Operators.class)
                    .callAs(
                            Role.ADMIN,
                            "cli",
                            () -> first.getBean(UserService.class)
                                    .create(new NewUser("survivor", "Survivor", "vp", "Blijft-bewaard-2026")))
                    .id();
        }
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();

        try (ConfigurableApplicationContext second = StandaloneApplication.start(dataDir, true)) {
            UserService users = second.getBean(UserService.class);
            assertThat(second.getBean(Operators.class).callAs(Role.ADMIN, "cli", () -> users.find(created)))
                    .hasValueSatisfying(u -> assertThat(u.username()).isEqualTo("survivor"));
            assertThat(Files.readString(dataDir.resolve("initial-admin-password"))
                            .strip())
                    .isEqualTo(adminPassword);
            Api api = new Api("http://localhost:" + second.getEnvironment().getProperty("local.server.port"));
            assertThat(api.basic("/api/v1/me", "survivor", "Blijft-bewaard-2026")
                            .status())
                    .isEqualTo(200);
            assertThat(api.basic("/api/v1/me", "admin", adminPassword).status()).isEqualTo(200);
        }
    }

    @Test
    void theEmbeddedDatabaseRequiresPasswords() throws Exception {
        Path dataDir = IntegrationTest.preparedDataDir("hba");
        try (ConfigurableApplicationContext app = StandaloneApplication.start(dataDir, false)) {
            String hba = Files.readString(dataDir.resolve("postgres").resolve("pg_hba.conf"));
            assertThat(hba).contains("scram-sha-256").doesNotContain("trust");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("secrets"))))
                    .isEqualTo("rwx------");
        }
    }
}
