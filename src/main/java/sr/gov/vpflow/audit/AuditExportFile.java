package sr.gov.vpflow.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit export an outside auditor checks without trusting the server: one ZIP file holding
 * the events of a period as CSV (for a spreadsheet) and as JSON lines with everything their hashes
 * cover, the signed checkpoints that cover them, the public key, and a manifest of it all signed
 * with the same key. The file is written byte for byte the same way every time (stored entries,
 * fixed order and times), so {@link #verify} can tell any changed byte. Verifying needs no
 * database and no server: {@code vpflow audit verify-export FILE}.
 */
public final class AuditExportFile {

    public static final int FORMAT = 1;
    static final String README = "README.txt";
    static final String MANIFEST = "manifest.json";
    static final String SIGNATURE = "manifest.sig";
    static final String EVENTS_CSV = "events.csv";
    static final String EVENTS_JSONL = "events.jsonl";
    static final String CHECKPOINTS = "checkpoints.jsonl";
    static final String KEY = "audit-signing-key.pub";
    /** The members in the order they are written. */
    static final List<String> MEMBERS =
            List.of(README, MANIFEST, SIGNATURE, EVENTS_CSV, EVENTS_JSONL, CHECKPOINTS, KEY);

    private static final String DOMAIN = "vpflow-audit-export/1\n";
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final byte[] GENESIS = sha256("VP-Flow audit log genesis".getBytes(StandardCharsets.UTF_8));
    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    static final String[] CSV_HEADER = {
        "seq",
        "occurred_at",
        "actor_id",
        "actor_username",
        "actor_role",
        "event_type",
        "entity_type",
        "entity_id",
        "details",
        "hash"
    };
    static final CSVFormat CSV =
            CSVFormat.RFC4180.builder().setHeader(CSV_HEADER).get();

    private AuditExportFile() {}

    /**
     * One event as its hash covers it. {@code occurred_at_us} (microseconds since 1970) and
     * {@code details} (the text PostgreSQL gives for the jsonb) are what was hashed;
     * {@code occurred_at} and {@code actor_username} are there for people and not hashed.
     */
    public record Event(
            long seq,
            String occurredAt,
            long occurredAtUs,
            String actorId,
            String actorUsername,
            String actorRole,
            String eventType,
            String entityType,
            String entityId,
            String details,
            String prevHash,
            String hash) {}

    /** What the file holds; {@code sha256} names each other member's digest. */
    public record Manifest(
            int format,
            String from,
            String to,
            Long firstSeq,
            Long lastSeq,
            long events,
            int checkpoints,
            String keyId,
            String madeAt,
            Map<String, String> sha256) {}

    /** The result of checking a file; valid when there are no problems. */
    public record Verification(
            boolean valid,
            String from,
            String to,
            Long firstSeq,
            Long lastSeq,
            long events,
            int checkpoints,
            long covered,
            String keyId,
            boolean keyGiven,
            List<String> problems) {}

    /** The hash of an event as the database computes it (audit_row_hash, V1_0_3). */
    static String rowHash(Event e) {
        String covered = String.join(
                "|",
                Long.toString(e.seq()),
                Long.toString(e.occurredAtUs()),
                e.actorId() == null ? "-" : e.actorId(),
                e.actorRole(),
                e.eventType(),
                e.entityType(),
                e.entityId() == null ? "-" : e.entityId(),
                e.details());
        byte[] prev = HexFormat.of().parseHex(e.prevHash());
        byte[] text = covered.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(prev, prev.length + text.length);
        System.arraycopy(text, 0, all, prev.length, text.length);
        return HexFormat.of().formatHex(sha256(all));
    }

    /** The members' bytes for these events and checkpoint lines, the manifest signed by {@code signer}. */
    static Map<String, byte[]> members(
            String from,
            String to,
            List<Event> events,
            List<String> checkpointLines,
            String publicKeyPem,
            String keyId,
            String madeAt,
            java.util.function.Function<byte[], byte[]> signer) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(EVENTS_CSV, csv(events));
        StringBuilder jsonl = new StringBuilder();
        for (Event e : events) {
            jsonl.append(JSON.writeValueAsString(e)).append('\n');
        }
        files.put(EVENTS_JSONL, jsonl.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder checkpoints = new StringBuilder();
        checkpointLines.forEach(line -> checkpoints.append(line).append('\n'));
        files.put(CHECKPOINTS, checkpoints.toString().getBytes(StandardCharsets.UTF_8));
        files.put(KEY, publicKeyPem.getBytes(StandardCharsets.US_ASCII));
        Map<String, String> digests = new TreeMap<>();
        files.forEach((name, bytes) -> digests.put(name, HexFormat.of().formatHex(sha256(bytes))));
        Manifest manifest = new Manifest(
                FORMAT,
                from,
                to,
                events.isEmpty() ? null : events.get(0).seq(),
                events.isEmpty() ? null : events.get(events.size() - 1).seq(),
                events.size(),
                checkpointLines.size(),
                keyId,
                madeAt,
                digests);
        byte[] manifestBytes = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(README, readme().getBytes(StandardCharsets.UTF_8));
        all.put(MANIFEST, manifestBytes);
        all.put(
                SIGNATURE,
                (Base64.getEncoder().encodeToString(signer.apply(signed(manifestBytes))) + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
        all.putAll(files);
        return all;
    }

    /** What the manifest's signature covers. */
    static byte[] signed(byte[] manifest) {
        byte[] domain = DOMAIN.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(domain, domain.length + manifest.length);
        System.arraycopy(manifest, 0, all, domain.length, manifest.length);
        return all;
    }

    /** Writes the members as a ZIP the same way every time: stored, in order, one fixed time. */
    static void zip(Map<String, byte[]> members, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setMethod(ZipOutputStream.STORED);
        for (Map.Entry<String, byte[]> member : members.entrySet()) {
            ZipEntry entry = new ZipEntry(member.getKey());
            CRC32 crc = new CRC32();
            crc.update(member.getValue());
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(member.getValue().length);
            entry.setCompressedSize(member.getValue().length);
            entry.setCrc(crc.getValue());
            entry.setTimeLocal(ENTRY_TIME);
            zip.putNextEntry(entry);
            zip.write(member.getValue());
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    private static byte[] csv(List<Event> events) {
        StringWriter text = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(text, CSV)) {
            for (Event e : events) {
                // no cell starts with = + - @ (codes, numbers, ids, a JSON object): nothing a
                // spreadsheet would take for a formula
                printer.printRecord(csvRow(e));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> csvRow(Event e) {
        return Arrays.asList(
                Long.toString(e.seq()),
                e.occurredAt(),
                e.actorId() == null ? "" : e.actorId(),
                e.actorUsername() == null ? "" : e.actorUsername(),
                e.actorRole(),
                e.eventType(),
                e.entityType(),
                e.entityId() == null ? "" : e.entityId(),
                e.details(),
                e.hash());
    }

    /**
     * Checks an export offline: the file is byte for byte as written, the manifest's signature
     * and digests hold, every checkpoint's signature holds, every event's hash recomputes and
     * follows the one before, every event a checkpoint names has the hash it signed, and the CSV
     * says what the JSON lines say. {@code trustedKey} is the public key the auditor got from the
     * office separately; without it the key in the file is used, and the result says so.
     */
    public static Verification verify(Path file, PublicKey trustedKey) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (members.put(entry.getName(), in.readAllBytes()) != null) {
                    problems.add("the member " + entry.getName() + " is there twice");
                }
            }
        } catch (IOException | RuntimeException e) {
            return refused("not a readable export: " + e.getMessage());
        }
        if (!new ArrayList<>(members.keySet()).equals(MEMBERS)) {
            return refused("not a VP-Flow audit export: its members are " + members.keySet() + ", not " + MEMBERS);
        }
        ByteArrayOutputStream rebuilt = new ByteArrayOutputStream(bytes.length);
        zip(members, rebuilt);
        if (!Arrays.equals(rebuilt.toByteArray(), bytes)) {
            problems.add("the file is not byte for byte what VP-Flow wrote (first difference at byte "
                    + Arrays.mismatch(rebuilt.toByteArray(), bytes) + ")");
        }
        PublicKey inFile;
        try {
            inFile = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(
                            AuditCheckpoints.unpem(new String(members.get(KEY), StandardCharsets.US_ASCII))));
        } catch (GeneralSecurityException | RuntimeException e) {
            return refused("the public key in the export cannot be read: " + e.getMessage());
        }
        PublicKey key = trustedKey == null ? inFile : trustedKey;
        String keyId = AuditCheckpoints.keyId(key);
        if (trustedKey != null && !AuditCheckpoints.keyId(inFile).equals(keyId)) {
            problems.add("the export carries key " + AuditCheckpoints.keyId(inFile) + ", not the key you trust ("
                    + keyId + ")");
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(members.get(MANIFEST), Manifest.class);
        } catch (RuntimeException e) {
            return refused("the manifest cannot be read: " + e.getMessage());
        }
        if (!verifies(key, signed(members.get(MANIFEST)), members.get(SIGNATURE))) {
            problems.add("the manifest's signature does not hold for key " + keyId);
        }
        for (String name : List.of(EVENTS_CSV, EVENTS_JSONL, CHECKPOINTS, KEY)) {
            String expected =
                    manifest.sha256() == null ? null : manifest.sha256().get(name);
            if (!HexFormat.of().formatHex(sha256(members.get(name))).equals(expected)) {
                problems.add("the member " + name + " is not the one the manifest names");
            }
        }

        // the checkpoints: signed by the key; the hashes they vouch for
        Map<Long, String> vouched = new HashMap<>();
        int checkpoints = 0;
        long newestSeq = -1;
        String before = null;
        for (String line : lines(members.get(CHECKPOINTS))) {
            checkpoints++;
            String previous = before;
            before = AuditCheckpoints.lineHash(line);
            AuditCheckpoints.Checkpoint c;
            try {
                c = AuditCheckpoints.JSON.readValue(line, AuditCheckpoints.Checkpoint.class);
            } catch (RuntimeException e) {
                problems.add("checkpoint " + checkpoints + " cannot be read");
                continue;
            }
            if (!AuditCheckpoints.signed(c, key)) {
                problems.add("the signature of the checkpoint at event " + c.seq() + " (" + c.at()
                        + ") does not hold for key " + keyId);
                continue;
            }
            if (previous != null && !previous.equals(c.prev())) {
                problems.add("the checkpoint at event " + c.seq() + " (" + c.at()
                        + ") does not follow the one before it in the export");
                continue;
            }
            vouched.put(c.seq(), c.hash());
            for (String e : c.events() == null ? List.<String>of() : c.events()) {
                int colon = e.indexOf(':');
                vouched.put(Long.parseLong(e.substring(0, colon)), e.substring(colon + 1));
            }
            newestSeq = Math.max(newestSeq, c.seq());
        }

        // the events: each hash recomputes, each follows the one before, the checkpoints agree
        List<Event> events = new ArrayList<>();
        for (String line : lines(members.get(EVENTS_JSONL))) {
            try {
                events.add(JSON.readValue(line, Event.class));
            } catch (RuntimeException e) {
                problems.add("event line " + (events.size() + 1) + " cannot be read");
            }
        }
        long covered = 0;
        Event previous = null;
        for (Event e : events) {
            if (previous != null && e.seq() != previous.seq() + 1) {
                problems.add("event " + e.seq() + " does not follow event " + previous.seq() + ": events are missing");
            } else if (previous != null && !e.prevHash().equals(previous.hash())) {
                problems.add("event " + e.seq() + " does not follow the hash of event " + previous.seq());
            } else if (previous == null
                    && e.seq() == 1
                    && !e.prevHash().equals(HexFormat.of().formatHex(GENESIS))) {
                problems.add("event 1 does not start from the chain's beginning");
            }
            String recomputed;
            try {
                recomputed = rowHash(e);
            } catch (RuntimeException ex) {
                recomputed = "";
            }
            if (!recomputed.equals(e.hash())) {
                problems.add("event " + e.seq() + " (" + e.eventType() + " at " + e.occurredAt()
                        + ") differs from what was hashed");
            }
            String signedHash = vouched.get(e.seq());
            if (signedHash != null && !signedHash.equals(e.hash())) {
                problems.add("event " + e.seq() + " (" + e.eventType() + " at " + e.occurredAt()
                        + ") differs from what a signed checkpoint holds");
            }
            if (signedHash != null || e.seq() <= newestSeq) {
                covered++;
            }
            previous = e;
        }
        Long firstSeq = events.isEmpty() ? null : events.get(0).seq();
        Long lastSeq = events.isEmpty() ? null : events.get(events.size() - 1).seq();
        if (manifest.events() != events.size()
                || !java.util.Objects.equals(manifest.firstSeq(), firstSeq)
                || !java.util.Objects.equals(manifest.lastSeq(), lastSeq)) {
            problems.add("the manifest names " + manifest.events() + " events (" + manifest.firstSeq() + " to "
                    + manifest.lastSeq() + "), the file holds " + events.size());
        }
        if (lastSeq != null && lastSeq > newestSeq) {
            problems.add((lastSeq - Math.max(newestSeq, firstSeq - 1)) + " events after " + Math.max(newestSeq, 0)
                    + " are covered by no signed checkpoint in the export");
        }

        // the CSV says what the JSON lines say
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(new String(members.get(EVENTS_CSV), StandardCharsets.UTF_8)))
                .setFormat(CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
            if (!parser.getHeaderNames().equals(List.of(CSV_HEADER))) {
                problems.add("the CSV's columns are not " + List.of(CSV_HEADER));
            } else {
                List<CSVRecord> records = parser.getRecords();
                if (records.size() != events.size()) {
                    problems.add("the CSV holds " + records.size() + " events, the JSON lines " + events.size());
                }
                for (int i = 0; i < Math.min(records.size(), events.size()); i++) {
                    if (!records.get(i).toList().equals(csvRow(events.get(i)))) {
                        problems.add("CSV row " + (i + 1) + " differs from event "
                                + events.get(i).seq());
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("the CSV cannot be read: " + e.getMessage());
        }
        return new Verification(
                problems.isEmpty(),
                manifest.from(),
                manifest.to(),
                firstSeq,
                lastSeq,
                events.size(),
                checkpoints,
                covered,
                keyId,
                trustedKey != null,
                List.copyOf(problems));
    }

    /** Reads a public key file (PEM) as an auditor got it from the office. */
    public static PublicKey publicKey(Path pem) throws IOException {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(AuditCheckpoints.unpem(Files.readString(pem))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(pem + " is not an Ed25519 public key (PEM)", e);
        }
    }

    private static Verification refused(String problem) {
        return new Verification(false, null, null, null, null, 0, 0, 0, null, false, List.of(problem));
    }

    private static boolean verifies(PublicKey key, byte[] data, byte[] signatureLine) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(
                    Base64.getDecoder().decode(new String(signatureLine, StandardCharsets.US_ASCII).strip()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static List<String> lines(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readme() {
        return """
                VP-Flow audit export
                ====================

                events.csv          the events of the period, one row each, for a spreadsheet
                events.jsonl        the same events as JSON lines, with everything their hashes cover
                checkpoints.jsonl   the signed checkpoints of the audit chain that cover them
                audit-signing-key.pub  the Ed25519 public key that signed the checkpoints and the manifest
                manifest.json       the period, the counts and the SHA-256 of each file above
                manifest.sig        the manifest's signature (Ed25519, base64)

                Check it without the server: vpflow audit verify-export THIS-FILE [--key KEY.pub]
                Ask the office for its public key separately and pass it with --key: the key in
                the export proves only that the export is whole, not who made it.

                An event's hash is SHA-256 over the previous event's hash (the bytes) followed by
                the UTF-8 text seq|occurred_at_us|actor_id|actor_role|event_type|entity_type|entity_id|details
                (actor_id and entity_id '-' when empty; details exactly as in the JSON lines).
                The first event's previous hash is SHA-256 of "VP-Flow audit log genesis".
                """;
    }
}
