package sr.gov.vpflow.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.SafeFiles;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed checkpoints of the audit chain, kept outside the database: the chain head's sequence
 * number and hash, the time, why, and the hashes of the events since the previous checkpoint,
 * signed with an Ed25519 key that the database never holds, appended to
 * {@code checkpoints.jsonl}. Whoever rewrites the audit table and recomputes every later hash and
 * the head still contradicts a checkpoint; {@code audit verify} says which event changed.
 */
@Component
public class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    static final String FILE = "checkpoints.jsonl";
    private static final String DOMAIN = "vpflow-audit-checkpoint/1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final OwnerDatabase database;
    private final Path keyFile;
    private final Path dir;
    private final Clock clock;
    private KeyPair keys;

    AuditCheckpoints(OwnerDatabase database, VpFlowProperties properties, AuditSettings settings, Clock clock) {
        this.database = database;
        this.keyFile = settings.keyFile(properties);
        this.dir = settings.checkpoints(properties);
        this.clock = clock;
    }

    /**
     * A checkpoint as written: {@code events} holds "seq:hash" of every event after the previous
     * checkpoint (none for the first), {@code prev} the SHA-256 of the line before it in the log
     * (empty for the first), so that no line can be moved, replayed or left out unnoticed;
     * {@code signature} covers all the rest.
     */
    public record Checkpoint(
            long seq,
            String hash,
            String at,
            String reason,
            List<String> events,
            String prev,
            String key,
            String signature) {}

    /**
     * A line of the checkpoint log as read: its checkpoint (null when unreadable), whether its
     * signature holds for the key, and whether it follows the line before it.
     */
    record Entry(int line, String raw, Checkpoint checkpoint, boolean signed, boolean chained) {}

    /** The SHA-256 of a line as written (without its line break), as the next line names it. */
    static String lineHash(String raw) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The checkpoints that hold for the chain as it is: signed and in their place in the log, and
     * since the newest "restored" one (a restore, which only VP-Flow's restore command can sign,
     * replaced the history the earlier ones describe).
     */
    static List<Entry> history(List<Entry> entries) {
        List<Entry> holding = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.checkpoint() == null || !entry.signed() || !entry.chained()) {
                continue;
            }
            if ("restored".equals(entry.checkpoint().reason())) {
                holding.clear();
            }
            holding.add(entry);
        }
        return holding;
    }

    /** Every line of the log, checked against the key and the line before it. */
    List<Entry> entries() throws IOException {
        List<Entry> all = new ArrayList<>();
        PublicKey key = publicKey();
        String keyId = keyId();
        String before = "";
        int number = 0;
        for (String raw : lines()) {
            number++;
            Checkpoint c;
            try {
                c = JSON.readValue(raw, Checkpoint.class);
            } catch (RuntimeException e) {
                all.add(new Entry(number, raw, null, false, false));
                before = lineHash(raw);
                continue;
            }
            boolean signed = keyId.equals(c.key()) && signed(c, key);
            boolean chained = before.equals(c.prev() == null ? "" : c.prev());
            all.add(new Entry(number, raw, c, signed, chained));
            before = lineHash(raw);
        }
        return all;
    }

    /** The file the checkpoints are appended to. */
    public Path file() {
        return dir.resolve(FILE);
    }

    /** The public key that checks the signatures (PEM), for an auditor. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", keys().getPublic().getEncoded());
    }

    /** Short name of the key: the first 16 hex digits of the SHA-256 of the public key. */
    public String keyId() {
        return keyId(keys().getPublic());
    }

    /**
     * Writes a checkpoint of the chain as it is now, unless the newest one already holds this
     * head and {@code always} is false. Never fails the caller: a checkpoint that cannot be
     * written is logged at ERROR.
     */
    public Optional<Checkpoint> write(String reason, boolean always) {
        try {
            return Optional.ofNullable(append(reason, always));
        } catch (IOException | SQLException | GeneralSecurityException | RuntimeException e) {
            log.error("could not write an audit checkpoint ({}): {}", reason, e.getMessage());
            return Optional.empty();
        }
    }

    private synchronized Checkpoint append(String reason, boolean always)
            throws IOException, SQLException, GeneralSecurityException {
        SafeFiles.privateDirectory(dir);
        Path file = file();
        try (FileChannel channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                FileLock lock = channel.lock()) {
            Optional<Checkpoint> previous = newest(file);
            String prev = lastLine(file).map(AuditCheckpoints::lineHash).orElse("");
            long fromSeq = previous.map(Checkpoint::seq).orElse(Long.MAX_VALUE);
            long headSeq;
            String headHash;
            List<String> events = new ArrayList<>();
            try (Connection c = database.dataSource("audit-checkpoint", null).getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_chain_head");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    headSeq = rs.getLong(1);
                    headHash = HexFormat.of().formatHex(rs.getBytes(2));
                }
                if (!always
                        && previous.isPresent()
                        && previous.get().seq() == headSeq
                        && previous.get().hash().equals(headHash)) {
                    c.rollback();
                    return null;
                }
                if (fromSeq < headSeq) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT seq, hash FROM audit_logs WHERE seq > ? AND seq <= ? ORDER BY seq")) {
                        ps.setLong(1, fromSeq);
                        ps.setLong(2, headSeq);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                events.add(rs.getLong(1) + ":" + HexFormat.of().formatHex(rs.getBytes(2)));
                            }
                        }
                    }
                }
                c.rollback();
            }
            String at = clock.instant().toString();
            PublicKey publicKey = keys().getPublic();
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys().getPrivate());
            signer.update(payload(headSeq, headHash, at, reason, events, prev, keyId(publicKey)));
            Checkpoint checkpoint = new Checkpoint(
                    headSeq,
                    headHash,
                    at,
                    reason,
                    events,
                    prev,
                    keyId(publicKey),
                    Base64.getEncoder().encodeToString(signer.sign()));
            byte[] line = (JSON.writeValueAsString(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
            channel.position(channel.size());
            ByteBuffer bytes = ByteBuffer.wrap(line);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
            log.info("audit checkpoint at event {} ({})", headSeq, reason);
            return checkpoint;
        }
    }

    /**
     * A checkpoint of the chain as it is now: a new one when the head moved since the newest,
     * else the newest. Empty when none could be written.
     */
    public Optional<Checkpoint> current(String reason) {
        Optional<Checkpoint> written = write(reason, false);
        if (written.isPresent()) {
            return written;
        }
        try {
            return newest(file());
        } catch (IOException e) {
            log.error("could not read the audit checkpoints: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A checkpoint of the chain as it is now (a new one when the head moved, else the newest);
     * fails when none can be written, for work that must end at one (an export).
     */
    Checkpoint checkpointNow(String reason) {
        try {
            Checkpoint written = append(reason, false);
            return written != null ? written : newest(file()).orElseThrow();
        } catch (IOException | SQLException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("could not write an audit checkpoint: " + e.getMessage(), e);
        }
    }

    /** A checkpoint of the chain as it is now, for a report (see {@link #current}). */
    public Optional<AuditAnchor> anchor(String reason) {
        return current(reason).map(AuditAnchor::of);
    }

    /** The newest checkpoint, for a report. */
    public Optional<AuditAnchor> newestAnchor() {
        return newest().map(AuditAnchor::of);
    }

    /** The newest checkpoint in the file, if any (for reports and pages). */
    public Optional<Checkpoint> newest() {
        try {
            return newest(file());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The lines of the checkpoint log as written (their signatures cover them as they are). */
    List<String> lines() throws IOException {
        try {
            return Files.readAllLines(file(), StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Signs with the audit key (an export's manifest). */
    byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys().getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the audit key", e);
        }
    }

    /** The checkpoints in the file, oldest first; a line that cannot be read is returned as null. */
    public List<Checkpoint> read() throws IOException {
        List<Checkpoint> all = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return all;
        }
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                all.add(JSON.readValue(line, Checkpoint.class));
            } catch (RuntimeException e) {
                all.add(null);
            }
        }
        return all;
    }

    private static Optional<String> lastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return Optional.of(lines.get(i));
            }
        }
        return Optional.empty();
    }

    private static Optional<Checkpoint> newest(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                try {
                    return Optional.of(JSON.readValue(lines.get(i), Checkpoint.class));
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the checkpoint's signature holds for this key. */
    public static boolean signed(Checkpoint c, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(payload(
                    c.seq(),
                    c.hash(),
                    c.at(),
                    c.reason(),
                    c.events() == null ? List.of() : c.events(),
                    c.prev() == null ? "" : c.prev(),
                    c.key()));
            return verifier.verify(Base64.getDecoder().decode(c.signature()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    public PublicKey publicKey() {
        return keys().getPublic();
    }

    /** What the signature covers, one field a line, the events as their SHA-256. */
    static byte[] payload(long seq, String hash, String at, String reason, List<String> events, String prev, String key)
            throws GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String e : events) {
            sha.update((e + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return String.join(
                        "\n",
                        DOMAIN,
                        Long.toString(seq),
                        hash,
                        at,
                        reason,
                        HexFormat.of().formatHex(sha.digest()),
                        prev,
                        key)
                .getBytes(StandardCharsets.UTF_8);
    }

    static String keyId(PublicKey key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing key, made on first use (owner-only file; its public half beside it, .pub). */
    private synchronized KeyPair keys() {
        if (keys != null) {
            return keys;
        }
        try {
            Path pub = keyFile.resolveSibling(keyFile.getFileName() + ".pub");
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (!Files.exists(keyFile)) {
                KeyPair made = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                SafeFiles.privateDirectory(keyFile.getParent());
                SafeFiles.writeString(
                        keyFile, pem("PRIVATE KEY", made.getPrivate().getEncoded()));
                if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
                }
                SafeFiles.writeString(pub, pem("PUBLIC KEY", made.getPublic().getEncoded()));
                log.info("made the audit signing key {} (key {})", keyFile, keyId(made.getPublic()));
            }
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(keyFile))));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(unpem(Files.readString(pub))));
            keys = new KeyPair(publicKey, privateKey);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit signing key " + keyFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit signing key " + keyFile + " is not an Ed25519 key", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    static byte[] unpem(String pem) {
        return Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    }

    /** When this checkpoint was made. */
    static Instant at(Checkpoint c) {
        return Instant.parse(c.at());
    }
}
