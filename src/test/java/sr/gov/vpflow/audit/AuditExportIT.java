package sr.gov.vpflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * The export an outside auditor checks without trusting the server: verified offline with the
 * office's key; one changed byte, a rebuilt export with a changed event, or another key refused.
 */
class AuditExportIT extends IntegrationTest {

    @Autowired
    AuditCheckpoints checkpoints;

    private Account vp;
    private String today;

    @BeforeEach
    void activity() {
        vp = accounts.create(Role.VP);
        Account secretary = accounts.create(Role.SECRETARY);
        api.post("/api/v1/guests", secretary, Map.of("full_name", "Gast voor de auditor"));
        today = LocalDate.now(OfficeTime.ZONE).toString();
    }

    private HttpResponse<byte[]> download(String path, Account as) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.base() + path))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString((as.username() + ":" + as.password())
                                                                .getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private Path exported() throws Exception {
        HttpResponse<byte[]> response = download("/api/v1/audit/export?from=" + today + "&to=" + today, vp);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("vpflow-audit-" + today + "-" + today + ".zip");
        Path file = Files.createTempFile("vpflow-audit", ".zip");
        Files.write(file, response.body());
        return file;
    }

    @Test
    void anExportVerifiesOfflineWithTheOfficesKeyAndCoversEveryEvent() throws Exception {
        Path file = exported();
        AuditExportFile.Verification result = AuditExportFile.verify(file, checkpoints.publicKey());
        assertThat(result.problems()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.events()).isPositive();
        assertThat(result.covered()).isEqualTo(result.events());
        assertThat(result.checkpoints()).isPositive();
        assertThat(result.keyId()).isEqualTo(checkpoints.keyId());

        Map<String, byte[]> members = members(Files.readAllBytes(file));
        assertThat(members.keySet()).containsExactlyElementsOf(AuditExportFile.MEMBERS);
        String csv = new String(members.get(AuditExportFile.EVENTS_CSV), StandardCharsets.UTF_8);
        assertThat(csv)
                .startsWith("seq,occurred_at,actor_id,actor_username,actor_role,event_type")
                .contains("guest_created")
                .contains(vp.username());
        assertThat(csv.lines().count()).isEqualTo(result.events() + 1);
        assertThat(new String(members.get(AuditExportFile.KEY), StandardCharsets.US_ASCII))
                .isEqualTo(checkpoints.publicKeyPem());
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'audit_exported' AND actor_id = :vp")
                        .param("vp", vp.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void oneChangedByteAnywhereIsRefused() throws Exception {
        byte[] bytes = Files.readAllBytes(exported());
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        // in an event's details, in the CSV, and in a header's time field of the first entry
        List<Integer> positions = List.of(
                text.indexOf("Gast voor de auditor", text.indexOf("\"details\"")) + 1,
                text.indexOf("guest_created"),
                10);
        for (int at : positions) {
            byte[] changed = bytes.clone();
            changed[at] = (byte) (changed[at] ^ 0x01);
            Path file = Files.createTempFile("vpflow-audit-changed", ".zip");
            Files.write(file, changed);
            AuditExportFile.Verification result = AuditExportFile.verify(file, checkpoints.publicKey());
            assertThat(result.valid()).as("byte %d changed", at).isFalse();
            assertThat(result.problems()).as("byte %d changed", at).isNotEmpty();
        }
    }

    @Test
    void anExportRebuiltWithAChangedEventAndRecomputedHashesIsRefused() throws Exception {
        Map<String, byte[]> members = members(Files.readAllBytes(exported()));
        List<AuditExportFile.Event> events = new ArrayList<>();
        for (String line : new String(members.get(AuditExportFile.EVENTS_JSONL), StandardCharsets.UTF_8)
                .lines()
                .toList()) {
            events.add(AuditExportFile.JSON.readValue(line, AuditExportFile.Event.class));
        }
        // the forger changes one event and recomputes its hash and every later one, the CSV, the
        // digests and the ZIP: all but the signatures, which need the key the server alone holds
        List<AuditExportFile.Event> forged = new ArrayList<>();
        String previous = null;
        for (AuditExportFile.Event e : events) {
            String details = e.details().replace("Gast voor de auditor", "Gast van de vervalser");
            AuditExportFile.Event f = new AuditExportFile.Event(
                    e.seq(),
                    e.occurredAt(),
                    e.occurredAtUs(),
                    e.actorId(),
                    e.actorUsername(),
                    e.actorRole(),
                    e.eventType(),
                    e.entityType(),
                    e.entityId(),
                    details,
                    previous == null ? e.prevHash() : previous,
                    null);
            String hash = AuditExportFile.rowHash(f);
            forged.add(new AuditExportFile.Event(
                    f.seq(),
                    f.occurredAt(),
                    f.occurredAtUs(),
                    f.actorId(),
                    f.actorUsername(),
                    f.actorRole(),
                    f.eventType(),
                    f.entityType(),
                    f.entityId(),
                    f.details(),
                    f.prevHash(),
                    hash));
            previous = hash;
        }
        assertThat(forged).isNotEqualTo(events);
        var forger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Map<String, byte[]> rebuilt = AuditExportFile.members(
                today,
                today,
                forged,
                new String(members.get(AuditExportFile.CHECKPOINTS), StandardCharsets.UTF_8)
                        .lines()
                        .toList(),
                new String(members.get(AuditExportFile.KEY), StandardCharsets.US_ASCII),
                checkpoints.keyId(),
                "2026-11-30T12:00:00Z",
                data -> sign(forger, data));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        AuditExportFile.zip(rebuilt, zip);
        Path file = Files.createTempFile("vpflow-audit-forged", ".zip");
        Files.write(file, zip.toByteArray());

        AuditExportFile.Verification result = AuditExportFile.verify(file, checkpoints.publicKey());
        assertThat(result.valid()).isFalse();
        assertThat(result.problems())
                .anyMatch(p -> p.contains("the manifest's signature does not hold"))
                .anyMatch(
                        p -> p.contains("guest_created") && p.contains("differs from what a signed checkpoint holds"));

        // and with the forger's key presented as the office's, the checkpoints still refuse it
        Path forgersKey = Files.createTempFile("forger", ".pub");
        Files.writeString(
                forgersKey,
                AuditCheckpoints.pem("PUBLIC KEY", forger.getPublic().getEncoded()));
        AuditExportFile.Verification withForgersKey =
                AuditExportFile.verify(file, AuditExportFile.publicKey(forgersKey));
        assertThat(withForgersKey.valid()).isFalse();
        assertThat(withForgersKey.problems())
                .anyMatch(p -> p.contains("the export carries key"))
                .anyMatch(p -> p.startsWith("the signature of the checkpoint"));
    }

    @Test
    void theExportIsTheVicePresidentsAndThePeriodMustBeValid() throws Exception {
        String path = "/api/v1/audit/export?from=" + today + "&to=" + today;
        assertThat(download(path, accounts.create(Role.SECRETARY)).statusCode()).isEqualTo(403);
        assertThat(download(path, accounts.create(Role.ADMIN)).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/export?from=" + today + "&to=2020-01-01", vp)
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("invalid_period");
        assertThat(api.get("/api/v1/audit/export?from=gisteren&to=" + today, vp).status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/audit/export", vp).json().get("code").asString())
                .isEqualTo("invalid_period");
    }

    private static byte[] sign(java.security.KeyPair key, byte[] data) {
        try {
            java.security.Signature signer = java.security.Signature.getInstance("Ed25519");
            signer.initSign(key.getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> members(byte[] zip) throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                members.put(entry.getName(), in.readAllBytes());
            }
        }
        return members;
    }
}
