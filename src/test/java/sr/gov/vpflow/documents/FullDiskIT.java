package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import sr.gov.vpflow.support.Uploads;

/**
 * The document folder on a small disk of its own (a tmpfs of 8 MB): an upload larger than the room
 * left is a fault of the server (507, logged at ERROR) that stores nothing, and health turns DOWN
 * when the free space falls below the threshold.
 */
class FullDiskIT {

    private static final long DISK_BYTES = 8L * 1024 * 1024;
    private Path disk;

    @BeforeEach
    void mountASmallDisk() throws Exception {
        disk = Files.createTempDirectory("vpflow-small-disk");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + DISK_BYTES, "tmpfs", disk.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(mount.getInputStream().readAllBytes());
        // mounting needs root, as in CI; elsewhere the test cannot make a full disk
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs: " + output);
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        Files.deleteIfExists(disk);
    }

    @Test
    void anUploadThatDoesNotFitIs507AndStoresNothingAndHealthTurnsDown() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("full-disk");
        Path storage = disk.resolve("documents");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger uploadLog = (Logger) LoggerFactory.getLogger(DocumentUploads.class);
        try (ConfigurableApplicationContext app = StandaloneApplication.start(
                dataDir, true, "vpflow.storage-dir=" + storage, "vpflow.min-free-disk-mb=2")) {
            // after the start, which configures logging anew
            logged.start();
            uploadLog.addAppender(logged);
            Api api = new Api("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            TestAccounts.Account secretary = TestAccounts.of(app).create(Role.SECRETARY, "secretaris-vol");
            Uploads uploads = new Uploads(api.base());

            byte[] large = Arrays.copyOf(Samples.pdf(), (int) (DISK_BYTES + DISK_BYTES / 2));
            var refused = uploads.upload(
                    secretary, Uploads.body("Te groot voor de schijf", "groot.pdf", "application/pdf", large));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(507);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(new Api.Response(refused).json().get("code").asString()).isEqualTo("insufficient_storage");
            assertThat(logged.list)
                    .filteredOn(e -> e.getLevel() == Level.ERROR)
                    .as("logged at ERROR")
                    .hasSize(1);
            assertThat(files(storage)).as("no content, no temporary file left").isEmpty();
            assertThat(api.get("/api/v1/documents?include_inactive=true", secretary)
                            .json()
                            .get("items"))
                    .as("no record")
                    .isEmpty();
            assertThat(api.get("/api/v1/audit?event_type=document_uploaded", secretary)
                            .json()
                            .get("items"))
                    .isEmpty();

            // the disk fills up with something else: health says so before an upload fails
            Path filler = disk.resolve("filler");
            fill(filler, DISK_BYTES - 1024 * 1024);
            Api.Response down = api.get("/actuator/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().get("status").asString()).isEqualTo("DOWN");

            TestAccounts.Account admin = TestAccounts.of(app).create(Role.ADMIN);
            var folders = api.get("/api/v1/system", admin).json().get("folders");
            assertThat(folders.findValuesAsString("name")).containsExactly("data", "documents", "restore_points");
            assertThat(folders.get(1).get("low").asBoolean())
                    .as("the document folder")
                    .isTrue();
            assertThat(folders.get(1).get("free_bytes").asLong()).isLessThan(2L * 1024 * 1024);
            assertThat(folders.get(0).get("low").asBoolean())
                    .as("the data folder")
                    .isFalse();
            assertThat(PageSession.signIn(api.base(), admin).get("/system").body())
                    .contains("Te weinig vrij");

            Files.delete(filler);
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            var stored =
                    uploads.upload(secretary, Uploads.body("Past wel", "klein.pdf", "application/pdf", Samples.pdf()));
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        } finally {
            uploadLog.detachAppender(logged);
        }
    }

    /** Writes until the file has the size asked for or the disk is full. */
    private static void fill(Path file, long bytes) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // no room left: full enough
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
