package sr.gov.vpflow.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.documents.DocumentStore;
import sr.gov.vpflow.governance.Progress;
import sr.gov.vpflow.governance.RestorePoint;
import sr.gov.vpflow.governance.RestorePointCheck;
import sr.gov.vpflow.governance.RestorePoints;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SafeFiles;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.SessionLocks;
import sr.gov.vpflow.platform.storage.ObjectStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a backup: a restore point named {@code backup-<time>}, verified by reading it back; the
 * document contents its records name, checked in the store; with a copy place set, every file of
 * the restore point and every content not there yet copied there and read back, and a
 * {@code backup.json} written last that lists them (a copy without it is incomplete). Then the
 * backups past the retention rule are removed here and there, and the copy's contents that no
 * kept backup names. Fetches a backup back from the copy onto a new machine.
 */
@Service
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    static final String RESTORE_POINTS = "restore-points/";
    private static final long LOCK_KEY = 0x5650_464c_4f57_42L; // "VPFLOWB"
    static final String DOCUMENTS = "documents/";
    static final String BACKUP_FILE = "backup.json";
    private static final java.util.regex.Pattern CONTENT_ADDRESS =
            java.util.regex.Pattern.compile("sha256/([0-9a-f]{2})/([0-9a-f]{2})/\\1\\2[0-9a-f]{60}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestorePoints points;
    private final DocumentStore store;
    private final BackupTargets targets;
    private final Retention retention;
    private final Path dataDir;
    private final SessionLocks locks;
    private final Operators operators;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    Backups(
            RestorePoints points,
            DocumentStore store,
            BackupTargets targets,
            BackupSettings settings,
            VpFlowProperties properties,
            SessionLocks locks,
            Operators operators,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock) {
        this.points = points;
        this.store = store;
        this.targets = targets;
        this.retention = Retention.parse(settings.keep());
        this.dataDir = properties.dataDir().toAbsolutePath();
        this.locks = locks;
        this.operators = operators;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** What {@code backup-status.json} says now. */
    public BackupStatus status() {
        return BackupStatus.read(dataDir, clock.instant());
    }

    /** Starts keeping the backup status (watching for missed backups from now on) if nothing is kept yet. */
    BackupStatus startWatching() {
        BackupStatus status = status();
        if (!Files.exists(dataDir.resolve(BackupStatus.FILE))) {
            status.write(dataDir);
        }
        return status;
    }

    /** A backup made and, when a copy place is set, copied there. */
    public record Made(
            String name,
            long rows,
            long bytes,
            int contents,
            int contentsCopied,
            long bytesCopied,
            String copiedTo,
            List<String> removed,
            List<String> removedCopies,
            long durationMs) {}

    /**
     * Makes a backup now, as the schedule does. One at a time on a database, whichever server or
     * command runs it (a PostgreSQL advisory lock): {@link BackupException#busy()} otherwise.
     */
    public Made run(String reason, String channel, Progress progress) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        try (SessionLocks.Held lock = backupLock()) {
            writeStatus(status -> status.attempted(started));
            Made made;
            try {
                made = make(reason, channel, progress, t0);
            } catch (RuntimeException | IOException e) {
                fail(started, channel, e);
                throw e instanceof BackupException b ? b : BackupException.failed(message(e), e);
            }
            writeStatus(status -> status.succeeded(started, made.name()));
            return made;
        }
    }

    private void writeStatus(java.util.function.UnaryOperator<BackupStatus> change) {
        try {
            change.apply(BackupStatus.read(dataDir, clock.instant())).write(dataDir);
        } catch (RuntimeException e) {
            log.warn("could not write the backup status in {}: {}", dataDir, e.getMessage());
        }
    }

    private Made make(String reason, String channel, Progress progress, long t0) throws IOException {
        points.removeLeftovers();
        String name = points.freeName(Retention.PREFIX.substring(0, Retention.PREFIX.length() - 1));
        RestorePoint point = points.create(name, reason, channel, progress);
        progress.report("backup " + name + ": restore point made, " + point.rows() + " rows; reading it back");
        RestorePointCheck check = points.verify(name, Progress.none());
        if (!check.ok()) {
            points.remove(name); // never kept as a backup, never counted by the retention rule
            throw BackupException.failed(
                    "the restore point " + name + " does not verify: " + String.join("; ", check.problems()), null);
        }
        // the new backup is good: older ones past the rule go, whatever happens to the copy
        List<String> removed = new ArrayList<>();
        Set<String> keep = retention.keep(localBackups());
        for (String old : localBackups()) {
            if (!keep.contains(old) && !old.equals(name)) {
                points.remove(old);
                removed.add(old);
            }
        }
        Map<String, Long> stored = new LinkedHashMap<>();
        for (DocumentStore.Stored s : store.contents()) {
            stored.put(s.address(), s.size());
        }
        Set<String> named = new TreeSet<>(points.contentAddresses(name));
        List<String> missing =
                named.stream().filter(a -> !stored.containsKey(a)).toList();
        int copied = 0;
        long bytesCopied = 0;
        List<String> removedCopies = List.of();
        Optional<ObjectStore> target = targets.open();
        try {
            if (target.isPresent()) {
                ObjectStore to = target.get();
                progress.report("backup " + name + ": copying to " + to.location());
                List<Map<String, Object>> files = copyFiles(to, point.folder(), name);
                List<Map<String, Object>> contents = new ArrayList<>();
                int done = 0;
                for (String address : named) {
                    Long size = stored.get(address);
                    if (size == null) {
                        continue;
                    }
                    if (copyContent(to, address, size)) {
                        copied++;
                        bytesCopied += size;
                    }
                    contents.add(Map.of("address", address, "bytes", size));
                    if (++done % 500 == 0) {
                        progress.report("  contents: " + done + " of " + named.size());
                    }
                }
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("format", 1);
                manifest.put("name", name);
                manifest.put("created_at", clock.instant().toString());
                manifest.put("files", files);
                manifest.put("contents", contents);
                // the database is worth restoring even when some content was lost before the backup
                manifest.put("missing", missing);
                byte[] json = JSON.writeValueAsBytes(manifest);
                putChecked(to, RESTORE_POINTS + name + "/" + BACKUP_FILE, json);
                progress.report("backup " + name + ": copied, " + copied + " new contents (" + bytesCopied + " bytes); "
                        + (contents.size() - copied) + " were there already");
                if (missing.isEmpty()) {
                    removedCopies = retainCopies(to, name);
                }
            }
        } finally {
            target.ifPresent(BackupTargets::close);
        }
        if (!missing.isEmpty()) {
            throw missingContent(name, missing);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Made made = new Made(
                name,
                point.rows(),
                point.bytes(),
                named.size(),
                copied,
                bytesCopied,
                target.map(ObjectStore::location).orElse(null),
                List.copyOf(removed),
                removedCopies,
                ms);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("restore_point", name);
        details.put("rows", made.rows());
        details.put("bytes", made.bytes());
        details.put("contents", made.contents());
        details.put("contents_copied", copied);
        details.put("bytes_copied", bytesCopied);
        details.put("copied_to", made.copiedTo());
        details.put("removed", made.removed());
        details.put("removed_copies", removedCopies);
        details.put("duration_ms", ms);
        record("backup_made", channel, details);
        log.info(
                "backup {} made: {} rows, {} contents ({} copied), {}, removed {} and {} copies, {} ms",
                name,
                made.rows(),
                made.contents(),
                copied,
                made.copiedTo() == null ? "not copied off this machine" : "copied to " + made.copiedTo(),
                removed.size(),
                removedCopies.size(),
                ms);
        return made;
    }

    private static BackupException missingContent(String name, List<String> missing) {
        return BackupException.failed(
                missing.size() + " document contents that the backup " + name
                        + " names are not in the document store (storage verify names their documents), first "
                        + missing.get(0),
                null);
    }

    private void fail(Instant started, String channel, Exception e) {
        String reason = message(e);
        log.error("backup failed: {}", reason);
        writeStatus(status -> status.failed(clock.instant(), reason));
        try {
            record("backup_failed", channel, Map.of("reason", reason));
        } catch (RuntimeException auditFailed) {
            log.warn("the failed backup could not be recorded in the audit log: {}", auditFailed.getMessage());
        }
    }

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 500 ? m.substring(0, 500) + "…" : m;
    }

    private void record(String type, String channel, Map<String, Object> details) {
        operators.runAs(
                Role.ADMIN,
                channel,
                () -> tx.executeWithoutResult(status -> audit.record(new AuditEvent(type, "system", null, details))));
    }

    /** The backups in the restore point folder, by name. */
    List<String> localBackups() {
        return points.list().stream()
                .map(RestorePoint::name)
                .filter(n -> Retention.timeOf(n).isPresent())
                .toList();
    }

    /** Every file of the restore point, the manifest last; each read back from the copy and compared. */
    private List<Map<String, Object>> copyFiles(ObjectStore to, Path folder, String name) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(folder)) {
            files = all.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(
                                    (Path p) -> p.getFileName().toString().startsWith("manifest"))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        for (Path file : files) {
            String relative = folder.relativize(file)
                    .toString()
                    .replace(file.getFileSystem().getSeparator(), "/");
            long size = Files.size(file);
            String sha256;
            try (InputStream in = Files.newInputStream(file)) {
                sha256 = sha256(in);
            }
            putVerified(to, RESTORE_POINTS + name + "/" + relative, () -> Files.newInputStream(file), sha256, size);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", relative);
            entry.put("bytes", size);
            entry.put("sha256", sha256);
            listed.add(entry);
        }
        return listed;
    }

    /** Copies a content unless the copy has it already (content-addressed: the same name is the same bytes). */
    private boolean copyContent(ObjectStore to, String address, long size) throws IOException {
        String key = DOCUMENTS + address;
        if (to.size(key).filter(s -> s == size).isPresent()) {
            return false;
        }
        DocumentStore.Content content = store.open(address, size);
        putVerified(to, key, () -> content.open(0, size), content.sha256(), size);
        return true;
    }

    private static void putChecked(ObjectStore to, String key, byte[] bytes) throws IOException {
        putVerified(
                to,
                key,
                () -> new java.io.ByteArrayInputStream(bytes),
                sha256(new java.io.ByteArrayInputStream(bytes)),
                bytes.length);
    }

    /**
     * Stores and reads back: what differs from the original is removed again, so that a later
     * run, finding a content of the right size there, never takes a damaged one for the original.
     */
    private static void putVerified(ObjectStore to, String key, ObjectStore.Source source, String sha256, long size)
            throws IOException {
        to.put(key, source, size);
        CountingDigest read;
        try (InputStream in = to.open(key)) {
            read = CountingDigest.of(in);
        }
        if (read.bytes() != size || !read.sha256().equals(sha256)) {
            to.remove(key);
            throw new IOException("the copy of " + key + " in " + to.location() + " differs from the original ("
                    + read.bytes() + " bytes read back of " + size + "); it was removed");
        }
    }

    /** Applies the retention rule to the copies, then removes the copied contents that no kept backup names. */
    private List<String> retainCopies(ObjectStore to, String current) throws IOException {
        Set<String> all = new TreeSet<>();
        Set<String> complete = new TreeSet<>();
        for (String key : to.list(RESTORE_POINTS)) {
            String[] parts = key.substring(RESTORE_POINTS.length()).split("/", 2);
            if (parts.length == 2 && Retention.timeOf(parts[0]).isPresent()) {
                all.add(parts[0]);
                if (parts[1].equals(BACKUP_FILE)) {
                    complete.add(parts[0]);
                }
            }
        }
        Set<String> keep = retention.keep(List.copyOf(complete));
        keep.add(current);
        List<String> removed = new ArrayList<>();
        for (String name : all) {
            if (keep.contains(name)) {
                continue;
            }
            // the marker first: a removal cut short leaves an incomplete copy, never a complete-looking one
            to.remove(RESTORE_POINTS + name + "/" + BACKUP_FILE);
            for (String key : to.list(RESTORE_POINTS + name + "/")) {
                to.remove(key);
            }
            removed.add(name);
        }
        Set<String> named = new LinkedHashSet<>();
        try {
            for (String name : keep) {
                if (complete.contains(name) || name.equals(current)) {
                    copyManifest(to, name).contents().forEach(c -> named.add(c.address()));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "a backup.json in {} cannot be read ({}); no copied content is removed",
                    to.location(),
                    e.getMessage());
            return List.copyOf(removed);
        }
        int contentsRemoved = 0;
        for (String key : to.list(DOCUMENTS)) {
            String address = key.substring(DOCUMENTS.length());
            // only what VP-Flow put there: a content address, named by no kept backup
            if (CONTENT_ADDRESS.matcher(address).matches() && !named.contains(address)) {
                to.remove(key);
                contentsRemoved++;
            }
        }
        if (!removed.isEmpty() || contentsRemoved > 0) {
            log.info(
                    "backup copies in {}: removed {} past the retention rule ({}) and {} contents none names",
                    to.location(),
                    removed.size(),
                    retention,
                    contentsRemoved);
        }
        return List.copyOf(removed);
    }

    /** The {@code backup.json} of a copy. */
    record CopyManifest(
            int format,
            String name,
            String createdAt,
            List<CopyFile> files,
            List<CopyContent> contents,
            List<String> missing) {

        CopyManifest {
            missing = missing == null ? List.of() : missing;
        }
    }

    record CopyFile(String path, long bytes, String sha256) {}

    record CopyContent(String address, long bytes) {}

    private static CopyManifest copyManifest(ObjectStore from, String name) throws IOException {
        try (InputStream in = from.open(RESTORE_POINTS + name + "/" + BACKUP_FILE)) {
            return JsonMapper.builder()
                    .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                    .build()
                    .readValue(in, CopyManifest.class);
        }
    }

    /** A backup in the copy place. */
    public record Copy(String name, boolean complete) {}

    /** The backups in the copy place, oldest first; empty when none is set. */
    public List<Copy> copies() {
        Optional<ObjectStore> target = targets.open();
        if (target.isEmpty()) {
            return List.of();
        }
        try {
            Map<String, Boolean> found = new java.util.TreeMap<>();
            for (String key : target.get().list(RESTORE_POINTS)) {
                String[] parts = key.substring(RESTORE_POINTS.length()).split("/", 2);
                if (parts.length == 2) {
                    found.merge(parts[0], parts[1].equals(BACKUP_FILE), Boolean::logicalOr);
                }
            }
            return found.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, Boolean> e) ->
                                    Retention.timeOf(e.getKey()).orElse(java.time.LocalDateTime.MIN))
                            .thenComparing(Map.Entry::getKey))
                    .map(e -> new Copy(e.getKey(), e.getValue()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot list the backups in " + target.get().location(), e);
        } finally {
            BackupTargets.close(target.get());
        }
    }

    /** A backup brought back from the copy place. */
    public record Fetched(String name, int files, long bytes, int contentsFetched, int contentsPresent) {}

    /**
     * Brings a complete backup (the newest, or the one named) from the copy place into this
     * machine's restore point folder and document store, checking every file and content against
     * {@code backup.json} and the restore point as a whole by verifying it. {@code restore-point
     * restore} then brings the database back.
     */
    public Fetched fetch(String wanted, Progress progress) {
        ObjectStore from = targets.open()
                .orElseThrow(() ->
                        BackupException.noCopy("set VPFLOW_BACKUP_COPY_TO to the place the backups were copied to"));
        try (SessionLocks.Held lock = backupLock()) {
            return fetch(from, wanted, progress);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BackupException b) {
                throw b;
            }
            throw BackupException.failed("the backup could not be fetched: " + message(e), e);
        } finally {
            BackupTargets.close(from);
        }
    }

    private Fetched fetch(ObjectStore from, String wanted, Progress progress) throws IOException {
        points.removeLeftovers();
        List<Copy> copies = copies().stream().filter(Copy::complete).toList();
        String name = wanted != null
                ? copies.stream()
                        .map(Copy::name)
                        .filter(wanted::equals)
                        .findFirst()
                        .orElseThrow(
                                () -> BackupException.noCopy("no complete backup " + wanted + " in " + from.location()))
                : copies.stream()
                        .reduce((a, b) -> b)
                        .map(Copy::name)
                        .orElseThrow(() -> BackupException.noCopy("no complete backup in " + from.location()));
        CopyManifest manifest = copyManifest(from, name);
        int files = 0;
        long bytes = 0;
        Path root = points.folder();
        if (points.list().stream().anyMatch(p -> p.name().equals(name))) {
            progress.report("restore point " + name + " is here already; comparing it with the copy");
            for (CopyFile file : manifest.files()) {
                Path local = inside(root.resolve(name), file.path());
                String actual;
                try (InputStream in = Files.newInputStream(local)) {
                    actual = sha256(in);
                }
                if (!actual.equals(file.sha256())) {
                    throw BackupException.failed(
                            "the restore point " + name + " here differs from the copy in " + from.location() + " ("
                                    + file.path() + "); move it away and fetch again",
                            null);
                }
            }
            RestorePointCheck check = points.verify(name, Progress.none());
            if (!check.ok()) {
                throw BackupException.failed(
                        "the restore point " + name + " here does not verify: " + String.join("; ", check.problems()),
                        null);
            }
        } else {
            SafeFiles.privateDirectory(root);
            Path incoming = root.resolve(".fetching-" + name + "-" + UUID.randomUUID());
            try {
                for (CopyFile file : manifest.files()) {
                    download(from, RESTORE_POINTS + name + "/" + file.path(), inside(incoming, file.path()), file);
                    files++;
                    bytes += file.bytes();
                }
                progress.report("backup " + name + ": " + files + " files fetched (" + bytes + " bytes); verifying");
                // published under its name only once it verifies
                RestorePointCheck check = points.publish(incoming, name, Progress.none());
                if (!check.ok()) {
                    throw BackupException.failed(
                            "the fetched restore point " + name + " does not verify: "
                                    + String.join("; ", check.problems()),
                            null);
                }
            } finally {
                SafeFiles.removeUnpublished(incoming);
            }
        }
        // the contents the restore point's records name, whatever backup.json says
        Map<String, Long> listed = new LinkedHashMap<>();
        manifest.contents().forEach(c -> listed.put(c.address(), c.bytes()));
        List<String> lost = new ArrayList<>();
        int fetched = 0;
        int present = 0;
        for (String address : new TreeSet<>(points.contentAddresses(name))) {
            Long size = listed.get(address);
            if (size == null) {
                if (manifest.missing().contains(address)) {
                    lost.add(address); // already missing when the backup was made
                    continue;
                }
                throw BackupException.failed(
                        "the copy of " + name + " in " + from.location() + " lacks the content " + address
                                + " that its records name",
                        null);
            }
            if (store.check(address, size) == DocumentStore.Check.INTACT) {
                present++;
                continue;
            }
            DocumentStore.Staged staged;
            try (InputStream in = from.open(DOCUMENTS + address)) {
                staged = store.receive(in, size);
            }
            if (staged.size() != size || !address.endsWith("/" + staged.sha256())) {
                store.discard(staged);
                throw BackupException.failed(
                        "the copy of " + address + " in " + from.location() + " is damaged; it was not taken", null);
            }
            store.keep(staged);
            fetched++;
            bytes += size;
            if (fetched % 500 == 0) {
                progress.report("  contents: " + fetched + " fetched");
            }
        }
        if (!lost.isEmpty()) {
            progress.report("WARNING: " + lost.size() + " document contents were already missing when " + name
                    + " was made (storage verify names their documents after the restore)");
            log.warn("backup {} lacks {} document contents that were missing when it was made", name, lost.size());
        }
        progress.report(
                "backup " + name + ": " + fetched + " document contents fetched, " + present + " were here already");
        log.info("backup {} fetched from {}: {} files, {} contents", name, from.location(), files, fetched);
        return new Fetched(name, files, bytes, fetched, present);
    }

    /** A path of a backup.json inside a folder, never outside it. */
    private static Path inside(Path folder, String relative) throws IOException {
        Path path = folder.resolve(ObjectStore.checkKey(relative)).normalize();
        if (!path.startsWith(folder)) {
            throw new IOException("not a file of a restore point: " + relative);
        }
        return path;
    }

    private static void download(ObjectStore from, String key, Path local, CopyFile expected) throws IOException {
        SafeFiles.privateDirectory(local.getParent());
        MessageDigest sha = digest();
        long n;
        try (InputStream in = new DigestInputStream(from.open(key), sha);
                FileChannel out = FileChannel.open(
                        local,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        SafeFiles.ownerOnlyFile(local))) {
            n = out.transferFrom(java.nio.channels.Channels.newChannel(in), 0, Long.MAX_VALUE);
            out.force(true);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (n != expected.bytes() || !actual.equals(expected.sha256())) {
            throw new IOException("the copy of " + key + " in " + from.location() + " is damaged (" + n
                    + " bytes, SHA-256 " + (actual.equals(expected.sha256()) ? "as recorded" : "differs") + ")");
        }
    }

    private record CountingDigest(long bytes, String sha256) {
        static CountingDigest of(InputStream in) throws IOException {
            MessageDigest sha = digest();
            byte[] buffer = new byte[256 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                total += n;
            }
            return new CountingDigest(total, HexFormat.of().formatHex(sha.digest()));
        }
    }

    private static String sha256(InputStream in) throws IOException {
        return CountingDigest.of(in).sha256();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One backup or fetch at a time on a database, between the servers that share it and the
     * commands beside them.
     */
    private SessionLocks.Held backupLock() {
        try {
            return locks.tryTake("backup", LOCK_KEY).orElseThrow(BackupException::busy);
        } catch (java.sql.SQLException e) {
            throw BackupException.failed("cannot take the backup lock: " + e.getMessage(), e);
        }
    }
}
