package sr.gov.vpflow.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.governance.RestorePoint;
import sr.gov.vpflow.governance.RestorePoints;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * Backups on a server of its own, copied to a folder (standing in for a second disk): verified,
 * with the document contents their records name, only new contents copied, old backups removed
 * by the retention rule here and in the copy; a scheduled one runs by itself; a failing one turns
 * health DOWN and is logged at ERROR.
 */
class BackupIT {

    @ParameterizedTest
    @ValueSource(strings = {"folder", "s3"})
    void aBackupIsVerifiedAndCopiedWithItsContentsAndOnlyNewContentsAreCopiedAgain(String kind) throws Exception {
        Path dataDir = IntegrationTest.newDataDir("backup");
        try (CopyPlace place = CopyPlace.of(kind);
                ConfigurableApplicationContext app =
                        StandaloneApplication.start(dataDir, true, place.properties("vpflow.backup.keep=1 daily"))) {
            Path copy = place.files();
            Api api = api(app);
            TestAccounts.Account secretary = TestAccounts.of(app).create(Role.SECRETARY);
            Uploads uploads = new Uploads(api.base());
            String first = sha256(upload(uploads, secretary, "Eerste stuk"));
            String second = sha256(upload(uploads, secretary, "Tweede stuk"));
            Backups backups = app.getBean(Backups.class);
            List<String> progress = new ArrayList<>();

            Backups.Made made = backups.run("test", "cli", progress::add);
            assertThat(progress).anyMatch(l -> l.contains("copying to " + place.location()));
            assertThat(made.contents()).isEqualTo(2);
            assertThat(made.contentsCopied()).isEqualTo(2);
            assertThat(made.copiedTo()).startsWith(place.location());
            RestorePoints points = app.getBean(RestorePoints.class);
            assertThat(points.verify(made.name(), p -> {}).ok()).isTrue();
            Path copied = copy.resolve("restore-points").resolve(made.name());
            assertThat(copied.resolve("backup.json")).exists();
            assertThat(copied.resolve("manifest.json"))
                    .hasSameBinaryContentAs(points.folder().resolve(made.name()).resolve("manifest.json"));
            assertThat(copied.resolve("data")).isDirectoryContaining("glob:**/documents*.copy");
            for (String sha : List.of(first, second)) {
                assertThat(copy.resolve(
                                "documents/sha256/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha))
                        .exists();
            }
            if (kind.equals("folder")) {
                assertThat(PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(copied.resolve("manifest.json"))))
                        .isEqualTo("rw-------");
            }

            String third = sha256(upload(uploads, secretary, "Derde stuk"));
            Backups.Made next = backups.run("test", "cli", p -> {});
            assertThat(next.contents()).isEqualTo(3);
            assertThat(next.contentsCopied())
                    .as("only the new content is copied")
                    .isEqualTo(1);
            // one a day is kept: the first backup goes, here and in the copy
            assertThat(next.removed()).containsExactly(made.name());
            assertThat(next.removedCopies()).containsExactly(made.name());
            assertThat(points.list().stream().map(RestorePoint::name).filter(n -> n.startsWith("backup-")))
                    .containsExactly(next.name());
            assertThat(copy.resolve("restore-points").resolve(made.name())).doesNotExist();
            assertThat(files(copy.resolve("documents"))).hasSize(3).anyMatch(f -> f.endsWith(third));
            assertThat(backups.copies()).containsExactly(new Backups.Copy(next.name(), true));

            JdbcClient owner =
                    JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
            List<String> events = owner.sql("SELECT details->>'restore_point' FROM audit_logs"
                            + " WHERE event_type = 'backup_made' ORDER BY seq")
                    .query(String.class)
                    .list();
            assertThat(events).containsExactly(made.name(), next.name());
            assertThat(owner.sql("SELECT details->'removed_copies'->>0 FROM audit_logs WHERE event_type = 'backup_made'"
                                    + " ORDER BY seq DESC LIMIT 1")
                            .query(String.class)
                            .single())
                    .isEqualTo(made.name());
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            assertThat(backups.status().lastBackup()).isEqualTo(next.name());
            JsonNode system = api.get("/api/v1/system", TestAccounts.of(app).create(Role.ADMIN))
                    .json()
                    .get("backup");
            assertThat(system.get("last_backup").asString()).isEqualTo(next.name());
            assertThat(system.get("failing").asBoolean()).isFalse();
            assertThat(system.get("copy_to").asString())
                    .isEqualTo(place.settings().get("vpflow.backup.copy-to"));
        }
    }

    @Test
    void theScheduleRunsBackupsByItself() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("backup-schedule");
        Path copy = Files.createTempDirectory("vpflow-backup-copy");
        try (ConfigurableApplicationContext app = StandaloneApplication.start(
                dataDir, true, "vpflow.backup.copy-to=" + copy, "vpflow.backup.schedule=*/2 * * * * *")) {
            Backups backups = app.getBean(Backups.class);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (backups.status().lastSuccess() == null) {
                assertThat(Instant.now())
                        .as("a scheduled backup within a minute")
                        .isBefore(deadline);
                Thread.sleep(200);
            }
            String name = backups.status().lastBackup();
            assertThat(copy.resolve("restore-points").resolve(name).resolve("backup.json"))
                    .exists();
            assertThat(api(app).get("/actuator/health").status()).isEqualTo(200);
        }
    }

    @Test
    void aServerThatWasDownAtTheScheduledTimeMakesTheMissedBackupWhenItIsUp() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("backup-missed");
        // backups watched for three days, none made: the server was down every night at 02:00
        Files.createDirectories(dataDir);
        new BackupStatus(Instant.now().minus(Duration.ofDays(3)), null, null, null, null, null).write(dataDir);
        try (ConfigurableApplicationContext app =
                StandaloneApplication.start(dataDir, true, "vpflow.backup.schedule=0 0 2 * * *")) {
            Backups backups = app.getBean(Backups.class);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (backups.status().lastSuccess() == null) {
                assertThat(Instant.now())
                        .as("the missed backup is made at start")
                        .isBefore(deadline);
                Thread.sleep(200);
            }
            assertThat(app.getBean(RestorePoints.class).list())
                    .anyMatch(p -> p.name().equals(backups.status().lastBackup()));
            assertThat(api(app).get("/actuator/health").status()).isEqualTo(200);
        }
    }

    @Test
    void aBackupThatCannotBeCopiedFailsTurnsHealthDownAndIsLoggedAtError() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("backup-failing");
        Path blocker = Files.createTempFile("vpflow-not-a-folder", ".txt");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger(Backups.class);
        try (ConfigurableApplicationContext app =
                StandaloneApplication.start(dataDir, true, "vpflow.backup.copy-to=" + blocker.resolve("backups"))) {
            logged.start();
            log.addAppender(logged);
            Api api = api(app);
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            Backups backups = app.getBean(Backups.class);
            assertThatThrownBy(() -> backups.run("test", "cli", p -> {})).isInstanceOf(BackupException.class);
            assertThat(logged.list)
                    .filteredOn(e -> e.getLevel() == Level.ERROR)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("backup failed: "));
            assertThat(backups.status().failing()).isTrue();
            Api.Response health = api.get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
            assertThat(api.get("/actuator/health/serving").status())
                    .as("a load balancer still sends requests")
                    .isEqualTo(200);
            // the administrator sees it, and nobody else
            TestAccounts.Account admin = TestAccounts.of(app).create(Role.ADMIN);
            JsonNode system = api.get("/api/v1/system", admin).json();
            assertThat(system.get("backup").get("failing").asBoolean()).isTrue();
            assertThat(system.get("backup").get("failure").asString()).contains("Not a directory");
            assertThat(PageSession.signIn(api.base(), admin).get("/system").body())
                    .contains("De laatste back-up is mislukt")
                    .contains("Not a directory");
            TestAccounts.Account secretary = TestAccounts.of(app).create(Role.SECRETARY);
            Api.Response refused = api.get("/api/v1/system", secretary);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("code").asString()).isEqualTo("forbidden");
            assertThat(PageSession.signIn(api.base(), secretary).get("/system").status())
                    .isEqualTo(403);
            JdbcClient owner =
                    JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
            assertThat(owner.sql("SELECT count(*) FROM audit_logs WHERE event_type = 'backup_failed'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            log.detachAppender(logged);
        }
        // a restart forgets nothing: still failing, until a backup succeeds
        try (ConfigurableApplicationContext app = StandaloneApplication.start(dataDir, true)) {
            assertThat(api(app).get("/actuator/health").status()).isEqualTo(503);
            app.getBean(Backups.class).run("test", "cli", p -> {});
            assertThat(api(app).get("/actuator/health").status()).isEqualTo(200);
        }
    }

    static Api api(ConfigurableApplicationContext app) {
        return new Api("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
    }

    static JsonNode upload(Uploads uploads, TestAccounts.Account as, String title) {
        var response = uploads.upload(as, Uploads.body(title, "stuk.pdf", "application/pdf", Samples.pdf()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new Api.Response(response).json();
    }

    static String sha256(JsonNode document) {
        return document.get("sha256").asString();
    }

    static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
