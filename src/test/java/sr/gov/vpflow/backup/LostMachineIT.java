package sr.gov.vpflow.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.cli.Cli;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * The README's procedure for a lost machine, end to end: the office works, a backup is copied to
 * another disk or to a bucket of an S3 API server, the machine and its data folder are gone; on a new machine with an empty data
 * folder, {@code backup fetch} and {@code restore-point restore}, then the server starts with every
 * account, record and document content of the backup, and the audit log verifies.
 */
class LostMachineIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CopyPlace place;

    @AfterEach
    void clear() {
        System.clearProperty("vpflow.data-dir");
        System.clearProperty("vpflow.login.require-second-factor");
        place.settings().keySet().forEach(System::clearProperty);
        place.close();
    }

    private int cli(Path dataDir, String... args) {
        System.setProperty("vpflow.data-dir", dataDir.toString());
        System.setProperty("vpflow.login.require-second-factor", "false");
        place.settings().forEach(System::setProperty);
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Cli.execute(VpFlowApplication.class, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"folder", "s3"})
    void theOfficeComesBackOnANewMachineFromTheCopy(String kind) throws Exception {
        Path oldMachine = IntegrationTest.newDataDir("lost-machine");
        place = CopyPlace.of(kind);
        Path copy = place.files();
        TestAccounts.Account vp;
        TestAccounts.Account secretary;
        String guestId;
        String caseId;
        String documentId;
        byte[] content = Samples.pdf();
        String backup;
        String sha256;
        try (ConfigurableApplicationContext app = StandaloneApplication.start(oldMachine, true, place.properties())) {
            Api api = BackupIT.api(app);
            vp = TestAccounts.of(app).create(Role.VP);
            secretary = TestAccounts.of(app).create(Role.SECRETARY);
            guestId = created(api.post("/api/v1/guests", secretary, Map.of("full_name", "Gast van voor de ramp")));
            caseId = created(api.post("/api/v1/cases", secretary, Map.of("title", "Zaak van voor de ramp")));
            var upload = new Uploads(api.base())
                    .upload(secretary, Uploads.body("Stuk van voor de ramp", "stuk.pdf", "application/pdf", content));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
            documentId = new Api.Response(upload).json().get("id").asString();
            sha256 = new Api.Response(upload).json().get("sha256").asString();

            // the operator's backup, beside the running server, as the schedule would make it
            assertThat(cli(oldMachine, "backup", "run")).as(err.toString()).isZero();
            Matcher made = Pattern.compile("backup (backup-\\S+) made").matcher(out.toString());
            assertThat(made.find()).as(out.toString()).isTrue();
            backup = made.group(1);
            assertThat(out.toString()).contains("copied to " + place.location());

            // work after the backup is lost with the machine
            created(api.post("/api/v1/guests", secretary, Map.of("full_name", "Gast van na de back-up")));
        }
        try (Stream<Path> all = Files.walk(oldMachine)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(oldMachine).doesNotExist();

        Path newMachine = IntegrationTest.newDataDir("new-machine");
        assertThat(cli(newMachine, "backup", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("copy  " + backup);

        // a copy damaged on the way is refused, and leaves nothing behind
        Path copied = copy.resolve("restore-points").resolve(backup).resolve("schema.txt");
        byte[] original = Files.readAllBytes(copied);
        byte[] damaged = original.clone();
        damaged[damaged.length / 2] ^= 0x01;
        Files.write(copied, damaged);
        assertThat(cli(newMachine, "backup", "fetch")).isEqualTo(3);
        assertThat(err.toString())
                .contains("fetch failed")
                .contains("schema.txt")
                .contains("damaged");
        try (Stream<Path> left = Files.list(newMachine.resolve("restore-points"))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.equals(backup) || n.startsWith(".fetching"));
        }
        Files.write(copied, original);

        // a damaged document content is not taken either; the restore point, which verifies, stays
        Path copiedContent = copy.resolve(
                "documents/sha256/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256);
        byte[] bytes = Files.readAllBytes(copiedContent);
        byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 0x01;
        Files.write(copiedContent, flipped);
        assertThat(cli(newMachine, "backup", "fetch")).isEqualTo(3);
        assertThat(err.toString()).contains("is damaged; it was not taken");
        assertThat(newMachine.resolve(
                        "documents/sha256/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256))
                .doesNotExist();
        Files.write(copiedContent, bytes);

        assertThat(cli(newMachine, "backup", "fetch")).as(err.toString()).isZero();
        assertThat(err.toString()).contains("is here already");
        assertThat(out.toString())
                .contains("backup " + backup + " fetched and verified")
                .contains("1 document contents")
                .contains("restore-point restore " + backup);
        assertThat(cli(newMachine, "restore-point", "restore", backup))
                .as(err.toString())
                .isZero();
        assertThat(cli(newMachine, "audit", "verify")).as(out + " " + err).isZero();

        try (ConfigurableApplicationContext app = StandaloneApplication.start(newMachine, true, place.properties())) {
            Api api = BackupIT.api(app);
            assertThat(api.get("/api/v1/me", vp).status())
                    .as("the Vice President signs in as before")
                    .isEqualTo(200);
            assertThat(api.get("/api/v1/guests/" + guestId, secretary)
                            .json()
                            .get("full_name")
                            .asString())
                    .isEqualTo("Gast van voor de ramp");
            assertThat(api.get("/api/v1/cases/" + caseId, vp).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/guests?q=na%20de%20back-up", secretary)
                            .json()
                            .get("items"))
                    .as("what was done after the backup is not there")
                    .isEmpty();
            var download = new Uploads(api.base()).content(secretary, UUID.fromString(documentId), null);
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(content);
        }
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode json = response.json();
        return json.get("id").asString();
    }
}
