package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.cli.Cli;
import sr.gov.vpflow.support.Samples;
import tools.jackson.databind.JsonNode;

/** {@code storage verify} beside the running server: every active document's content read and hashed again. */
class StorageVerifyIT extends DocumentTestBase {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void pointAtTheRunningServer() {
        System.setProperty("vpflow.data-dir", sharedDataDir().toString());
        System.setProperty("vpflow.login.require-second-factor", "false");
    }

    @AfterEach
    void restore() {
        System.clearProperty("vpflow.data-dir");
        System.clearProperty("vpflow.login.require-second-factor");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        return Cli.execute(VpFlowApplication.class, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void listsWhatIsMissingOrCorruptAndExitsWithThree() throws Exception {
        assertThat(run("storage", "verify", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: vpflow storage verify").contains("--json");
        assertThat(run("storage", "--help")).isZero();
        assertThat(run("storage")).isZero(); // a command group alone shows its usage
        assertThat(out.toString()).contains("Usage: vpflow storage").contains("verify");

        assertThat(run("storage", "verify")).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("document store intact:");

        JsonNode corrupt = upload(secretary, unique("Wordt beschadigd"), "c.pdf", Samples.pdf());
        byte[] missingBytes = Samples.pdf();
        JsonNode missing = upload(vp, unique("Raakt zoek"), "m.pdf", missingBytes);
        JsonNode inactive = upload(secretary, unique("Gedeactiveerd"), "i.pdf", Samples.pdf());
        api.post(
                "/api/v1/documents/" + inactive.get("id").asString() + "/deactivate",
                secretary,
                java.util.Map.of("reason", "oud"));
        Path corruptFile = contentFile(corrupt.get("sha256").asString());
        byte[] bytes = Files.readAllBytes(corruptFile);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(corruptFile, bytes);
        Files.delete(contentFile(missing.get("sha256").asString()));
        Files.delete(contentFile(inactive.get("sha256").asString())); // not active: not checked

        assertThat(run("storage", "verify")).isEqualTo(3);
        assertThat(out.toString())
                .contains("CORRUPT document " + corrupt.get("id").asString() + ": sha256/")
                .contains("MISSING document " + missing.get("id").asString())
                .doesNotContain(inactive.get("id").asString())
                .contains("document store DAMAGED")
                .doesNotContain("Wordt beschadigd"); // ids, never titles

        assertThat(run("storage", "verify", "--json")).isEqualTo(3);
        JsonNode result = JSON.readTree(out.toString());
        assertThat(result.get("intact").asBoolean()).isFalse();
        assertThat(result.get("problems").findValuesAsString("document_id"))
                .containsExactlyInAnyOrder(
                        corrupt.get("id").asString(), missing.get("id").asString());
        assertThat(result.get("problems").findValuesAsString("problem"))
                .containsExactlyInAnyOrder("corrupt", "missing");

        // the same contents uploaded again repair the store
        upload(secretary, unique("Hersteld"), "c.pdf", restore(bytes, bytes.length / 2));
        upload(vp, unique("Teruggevonden"), "m.pdf", missingBytes);
        assertThat(run("storage", "verify")).as(out.toString()).isZero();
    }

    private static byte[] restore(byte[] bytes, int at) {
        byte[] original = bytes.clone();
        original[at] ^= 0x20;
        return original;
    }

    @Test
    void contentNamedByNoRecordIsReportedAndCollectedOnlyAfterItsGracePeriod() throws Exception {
        // what an upload cut off between storing its content and committing its record leaves
        byte[] orphanBytes =
                ("Niemands inhoud " + java.util.UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String orphanSha = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(orphanBytes));
        Path orphan = contentFile(orphanSha);
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, orphanBytes);
        String address = "sha256/" + orphanSha.substring(0, 2) + "/" + orphanSha.substring(2, 4) + "/" + orphanSha;
        // a deactivated document's content is still a record's, however old
        JsonNode inactive = upload(
                secretary,
                unique("Oud maar bewaard"),
                "o.txt",
                ("Bewaard " + unique("x")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        api.post(
                "/api/v1/documents/" + inactive.get("id").asString() + "/deactivate",
                secretary,
                java.util.Map.of("reason", "vervangen"));
        Path kept = contentFile(inactive.get("sha256").asString());
        java.nio.file.attribute.FileTime twoDaysAgo =
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(2)));
        Files.setLastModifiedTime(kept, twoDaysAgo);

        assertThat(run("storage", "verify")).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("UNREFERENCED " + address)
                .doesNotContain(inactive.get("sha256").asString());

        assertThat(run("storage", "gc")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("dry run: would remove 0 contents").contains("younger than 24 hours");

        Files.setLastModifiedTime(orphan, twoDaysAgo);
        assertThat(run("storage", "gc")).isZero();
        assertThat(out.toString()).contains("would remove " + address).contains("remove them with --delete");
        assertThat(orphan).as("a dry run removes nothing").exists();

        assertThat(run("storage", "gc", "--delete")).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("removed " + address)
                .doesNotContain(inactive.get("sha256").asString());
        assertThat(orphan).doesNotExist();
        assertThat(kept).exists();
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'storage_collected'"
                                + " AND details->'addresses' @> jsonb_build_array(CAST(:a AS text))")
                        .param("a", address)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(run("storage", "verify")).isZero();
        assertThat(out.toString()).doesNotContain("UNREFERENCED " + address);
        assertThat(run("storage", "gc", "--older-than", "-1")).isNotZero();
    }
}
