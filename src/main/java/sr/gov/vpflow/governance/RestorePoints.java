package sr.gov.vpflow.governance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import sr.gov.vpflow.audit.AuditAnchor;
import sr.gov.vpflow.audit.AuditCheckpoints;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SafeFiles;
import sr.gov.vpflow.platform.SchemaChanged;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.platform.db.ProcessNames;
import sr.gov.vpflow.platform.db.SchemaMigrator;
import sr.gov.vpflow.platform.db.SessionLocks;

/**
 * Restore points: complete, verifiable copies of the database (schema and data) in
 * {@code <data dir>/restore-points/<name>/}. They need nothing but the JDBC connection, so they work
 * on the embedded default and on an external PostgreSQL alike. Making and restoring one is
 * recorded in the audit log; a restore first makes a restore point of what it replaces.
 */
@Service
public class RestorePoints {

    private static final Logger log = LoggerFactory.getLogger(RestorePoints.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final OwnerDatabase database;
    private final ApplicationLogin login;
    private final Path root;
    private final int workers;
    private final GovernanceAudit audit;
    private final ApplicationEventPublisher events;
    private final AuditCheckpoints checkpoints;
    private final Clock clock;
    private final RestorePointVerifications verifications;

    RestorePoints(
            OwnerDatabase database,
            ApplicationLogin login,
            VpFlowProperties properties,
            GovernanceSettings settings,
            GovernanceAudit audit,
            ApplicationEventPublisher events,
            AuditCheckpoints checkpoints,
            Clock clock) {
        this.clock = clock;
        this.database = database;
        this.login = login;
        this.root = settings.restorePoints(properties).toAbsolutePath();
        this.workers = settings.workers();
        this.audit = audit;
        this.events = events;
        this.checkpoints = checkpoints;
        this.verifications = new RestorePointVerifications(root, clock);
    }

    public Path folder() {
        return root;
    }

    /** A name that is free: the prefix and the office time, e.g. {@code manual-20260312-101500}. */
    public String freeName(String prefix) {
        String base = prefix + "-" + OfficeTime.now(clock).format(STAMP);
        String name = base;
        for (int i = 2; Files.exists(root.resolve(name)); i++) {
            name = base + "-" + i;
        }
        return name;
    }

    /** Makes a restore point and records it in the audit log. */
    public RestorePoint create(String name, String reason, String channel, Progress progress) {
        return create(name, reason, channel, null, progress);
    }

    /**
     * Makes a restore point and records it in the audit log with the signed-in person who asked
     * for it ({@code requestedBy}, a username): the event itself is the system's.
     */
    public RestorePoint create(String name, String reason, String channel, String requestedBy, Progress progress) {
        RestorePointManifest m = make(name, reason, progress);
        Map<String, Object> details = details(m);
        if (requestedBy != null) {
            details.put("requested_by", requestedBy);
        }
        audit.record("restore_point_created", channel, details);
        return RestorePoint.of(m, root.resolve(m.name()));
    }

    RestorePointManifest make(String name, String reason, Progress progress) {
        requireName(name);
        if (Files.exists(root.resolve(name))) {
            throw RestorePointException.exists(name);
        }
        try {
            SafeFiles.privateDirectory(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
        // the chain as it is when the copy starts, signed, named in the manifest
        AuditAnchor anchor = checkpoints.anchor("restore_point").orElse(null);
        RestorePointManifest m = new RestorePointWriter(database.dataSource("restore-point", null), workers, clock)
                .write(root, name, reason, anchor, progress);
        log.info(
                "restore point {} made: schema {}, {} rows, {} bytes, {} ms",
                m.name(),
                m.schemaVersion(),
                m.totalRows(),
                m.totalBytes(),
                m.durationMs());
        return m;
    }

    static Map<String, Object> details(RestorePointManifest m) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("restore_point", m.name());
        d.put("reason", m.reason());
        d.put("schema_version", m.schemaVersion());
        d.put("tables", m.tables().size());
        d.put("rows", m.totalRows());
        d.put("bytes", m.totalBytes());
        d.put("duration_ms", m.durationMs());
        return d;
    }

    /** Every restore point, oldest first; folders left by an interrupted attempt are not restore points. */
    public List<RestorePoint> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<RestorePoint> points = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().startsWith("."))
                    .toList()) {
                try {
                    points.add(RestorePoint.of(Manifests.read(dir), dir));
                } catch (IOException | RuntimeException e) {
                    points.add(new RestorePoint(
                            dir.getFileName().toString(),
                            null,
                            "unreadable: " + e.getMessage(),
                            null,
                            0,
                            0,
                            0,
                            0,
                            dir,
                            null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        points.sort(Comparator.comparing(p -> p.createdAt() == null ? "" : p.createdAt()));
        return points;
    }

    /**
     * Every document content address that the records of some restore point name: a restore would
     * bring those records back, so {@code storage gc} keeps their content. A restore point that
     * cannot be read stops the answer (nothing could be known to be safe to remove).
     */
    public Set<String> contentAddresses() {
        Set<String> addresses = new LinkedHashSet<>();
        for (RestorePoint point : list()) {
            addresses.addAll(contentAddresses(point.name()));
        }
        return addresses;
    }

    /** The document content addresses that the records of one restore point name (none before v1.1-A). */
    public Set<String> contentAddresses(String name) {
        Path folder = existing(name);
        RestorePointManifest m;
        try {
            m = Manifests.read(folder);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "the restore point " + name + " cannot be read (" + e.getMessage()
                            + "); no document content can be called unused",
                    e);
        }
        Set<String> addresses = new LinkedHashSet<>();
        for (RestorePointManifest.Table t : m.tables()) {
            // a column is recorded with its type: "file_path text"
            int column = t.columns().indexOf("file_path text");
            if (!t.name().equals("documents") || column < 0) {
                continue;
            }
            for (RestorePointManifest.Part part : t.parts()) {
                try {
                    addresses.addAll(CopyFile.textColumn(
                            folder.resolve(part.file()), t.columns().size(), column));
                } catch (IOException e) {
                    throw new IllegalStateException(
                            "the restore point " + name + " cannot be read (" + part.file() + ": " + e.getMessage()
                                    + ")",
                            e);
                }
            }
        }
        return addresses;
    }

    /**
     * Removes a restore point (a backup past its retention): renamed to a hidden name first, so a
     * crash midway never leaves a partial restore point under its name.
     */
    public void remove(String name) {
        Path dir = existing(name);
        Path hidden = root.resolve(".removing-" + name);
        try {
            Files.move(dir, hidden, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            SafeFiles.forceDirectory(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the restore point " + name, e);
        }
        SafeFiles.removeUnpublished(hidden);
        verifications.forget(name);
        log.info("restore point {} removed", name);
    }

    /**
     * Takes in a restore point written completely under a hidden name in the restore point folder
     * (fetched from a backup copy), under its own name, only if it verifies; otherwise it stays
     * hidden and the check says why.
     */
    public RestorePointCheck publish(Path written, String name, Progress progress) {
        requireName(name);
        if (!written.toAbsolutePath().getParent().equals(root)
                || !written.getFileName().toString().startsWith(".")) {
            throw new IllegalArgumentException(written + " is not a hidden folder of " + root);
        }
        if (Files.exists(root.resolve(name))) {
            throw RestorePointException.exists(name);
        }
        RestorePointCheck check = verify(written, name, progress);
        if (!check.ok()) {
            return check;
        }
        try {
            SafeFiles.publishDirectory(written, root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish the restore point " + name, e);
        }
        return check;
    }

    /** Removes what an interrupted removal or fetch left under a hidden name. */
    public void removeLeftovers() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> {
                        String n = d.getFileName().toString();
                        return n.startsWith(".removing-") || n.startsWith(".fetching-");
                    })
                    .toList()) {
                SafeFiles.removeUnpublished(dir);
                log.info("removed {}, left by an interrupted removal or fetch", dir.getFileName());
            }
        } catch (IOException e) {
            log.warn("could not look for leftovers in {}: {}", root, e.getMessage());
        }
    }

    /** The newest readable restore point made at a schema version, if any. */
    Optional<RestorePointManifest> newestAt(String schemaVersion) {
        return list().stream()
                .filter(p -> schemaVersion.equals(p.schemaVersion()))
                .reduce((a, b) -> b)
                .flatMap(p -> {
                    try {
                        return Optional.of(Manifests.read(p.folder()));
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                });
    }

    Path schemaFile(RestorePointManifest m) {
        return root.resolve(m.name()).resolve(m.schemaFile());
    }

    /**
     * Proves a restore point readable and intact: the manifest matches its checksum, every data
     * file has its recorded size and SHA-256 and reads to its end in the binary COPY format with
     * the recorded rows, and this build holds the migrations that made its schema, unchanged.
     */
    public RestorePointCheck verify(String name, Progress progress) {
        Path dir = existing(name);
        RestorePointCheck check = verify(dir, name, progress);
        verifications.record(dir, check);
        return check;
    }

    /**
     * The last verification of a restore point since it was made (by a page, the command line or a
     * backup), if there was one.
     */
    public Optional<RestorePointVerification> lastVerification(RestorePoint point) {
        return verifications.last(point.folder(), point.name());
    }

    private RestorePointCheck verify(Path dir, String name, Progress progress) {
        List<String> problems = new ArrayList<>();
        RestorePointManifest m;
        try {
            m = Manifests.read(dir);
        } catch (IOException | RuntimeException e) {
            return new RestorePointCheck(name, false, false, 0, 0, List.of("manifest: " + e.getMessage()));
        }
        long rows = 0;
        int files = 0;
        for (RestorePointManifest.Table t : m.tables()) {
            long tableRows = 0;
            for (RestorePointManifest.Part part : t.parts()) {
                Path file = dir.resolve(part.file());
                try {
                    CopyFile.Scan scan = CopyFile.scan(file, t.columns().size());
                    files++;
                    rows += scan.rows();
                    tableRows += scan.rows();
                    if (scan.bytes() != part.bytes()) {
                        problems.add(part.file() + ": " + scan.bytes() + " bytes, the manifest says " + part.bytes());
                    }
                    if (!scan.sha256().equals(part.sha256())) {
                        problems.add(part.file() + ": SHA-256 differs from the manifest");
                    }
                    if (scan.rows() != part.rows()) {
                        problems.add(part.file() + ": " + scan.rows() + " rows, the manifest says " + part.rows());
                    }
                } catch (IOException e) {
                    problems.add(part.file() + ": " + e.getMessage());
                }
            }
            if (tableRows != t.rows()) {
                problems.add(t.name() + ": " + tableRows + " rows read, the manifest says " + t.rows());
            }
            progress.report("  " + t.name() + ": " + tableRows + " rows read");
        }
        try {
            List<String> schema = Files.readAllLines(dir.resolve(m.schemaFile()), StandardCharsets.UTF_8);
            if (!SchemaFingerprint.sha256(schema).equals(m.schemaSha256())) {
                problems.add(m.schemaFile() + ": SHA-256 differs from the manifest");
            }
        } catch (IOException e) {
            problems.add(m.schemaFile() + ": " + e.getMessage());
        }
        boolean intact = problems.isEmpty();
        List<String> restoreProblems = new ArrayList<>();
        scripts(m, restoreProblems);
        problems.addAll(restoreProblems);
        return new RestorePointCheck(name, intact, restoreProblems.isEmpty(), rows, files, List.copyOf(problems));
    }

    /**
     * The migration scripts that make the restore point's schema, in the order they were applied,
     * from this build: each must exist with the checksum the database recorded.
     */
    private Map<String, String> scripts(RestorePointManifest m, List<String> problems) {
        Map<String, MigrationInfo> resolved = new LinkedHashMap<>();
        for (MigrationInfo info :
                SchemaMigrator.flyway(database.dataSource()).info().all()) {
            if (info.getVersion() != null && info.getResolvedChecksum() != null) {
                resolved.put(info.getVersion().getVersion(), info);
            }
        }
        Map<String, String> scripts = new LinkedHashMap<>();
        for (RestorePointManifest.Migration migration : m.migrations()) {
            if (!migration.isScript()) {
                continue;
            }
            MigrationInfo info = resolved.get(migration.version());
            if (info == null) {
                problems.add("migration " + migration.version() + " (" + migration.script()
                        + ") is not part of this VP-Flow build");
                continue;
            }
            if (!info.getResolvedChecksum().equals(migration.checksum())) {
                problems.add("migration " + migration.version() + " of this build differs from the one that made the"
                        + " restore point (checksum " + info.getResolvedChecksum() + ", recorded "
                        + migration.checksum() + ")");
                continue;
            }
            String resource = "db/migration/" + info.getScript();
            try (InputStream in = RestorePoints.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    problems.add("migration script " + resource + " not found");
                    continue;
                }
                scripts.put(migration.version(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add("migration script " + resource + ": " + e.getMessage());
            }
        }
        return scripts;
    }

    /**
     * Brings the database back to a restore point exactly, after making a restore point of the
     * current state (so that what the restore replaces is not lost). Refused while the server or
     * another command uses the database. Web sessions are not brought back: everyone signs in again.
     */
    public RestoreResult restore(String name, String channel, Progress progress) {
        long started = System.nanoTime();
        Path dir = existing(name);
        RestorePointCheck check = verify(name, Progress.none());
        if (!check.ok()) {
            throw RestorePointException.unusable(name, String.join("; ", check.problems()));
        }
        RestorePointManifest m;
        try {
            m = Manifests.read(dir);
        } catch (IOException e) {
            throw RestorePointException.unusable(name, e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> scripts = scripts(m, problems);
        if (!problems.isEmpty()) {
            throw RestorePointException.unusable(name, String.join("; ", problems));
        }
        try (SessionLocks.Held lock = GovernanceLock.acquire(database, "the restore")) {
            requireNoOtherSessions();
            progress.report("restore " + name + ": first a restore point of the current state");
            RestorePointManifest safety = make(freeName("before-restore"), "before restoring " + name, progress);
            try {
                new RestorePointRestorer(database.dataSource("restore", null), login)
                        .restore(dir, m, scripts, progress);
            } catch (SQLException | IOException | RuntimeException e) {
                audit.record("restore_point_created", channel, details(safety));
                throw RestorePointException.failed(
                        "the restore of " + name + " failed and changed nothing (the database is as it was; "
                                + "restore point " + safety.name() + " holds that state)",
                        e);
            }
            // the chain is now the restored one: checkpoints after its head belong to another history
            checkpoints.write("restored", true);
            // recorded after the restore, on top of the restored chain: the audit log keeps both events
            audit.record("restore_point_created", channel, details(safety));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("restore_point", m.name());
            d.put("schema_version", m.schemaVersion());
            d.put("rows", m.totalRows());
            d.put("replaced_state_kept_in", safety.name());
            audit.record("restore_point_restored", channel, d);
            long ms = (System.nanoTime() - started) / 1_000_000;
            log.info("database restored to restore point {} (schema {}) in {} ms", name, m.schemaVersion(), ms);
            events.publishEvent(new SchemaChanged("restored " + name));
            return new RestoreResult(
                    name,
                    safety.name(),
                    m.schemaVersion(),
                    m.totalRows(),
                    m.tables().size(),
                    ms);
        }
    }

    /**
     * The server's pool and other commands show in pg_stat_activity; this process's own sessions
     * are allowed. A session that is still starting shows without its name for a moment, so a
     * finding is looked at again before it counts.
     */
    private void requireNoOtherSessions() {
        List<String> others = otherSessions();
        for (int look = 1; look < 4 && !others.isEmpty(); look++) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            others = otherSessions();
        }
        if (!others.isEmpty()) {
            Map<String, Long> counted = new LinkedHashMap<>();
            others.forEach(o -> counted.merge(o, 1L, Long::sum));
            List<String> parts = new ArrayList<>();
            counted.forEach((who, n) -> parts.add(n + " session" + (n == 1 ? "" : "s") + " of " + who));
            throw RestorePointException.databaseInUse(String.join(", ", parts));
        }
    }

    private List<String> otherSessions() {
        List<String> others = new ArrayList<>();
        try (Connection c = database.dataSource("restore-check", null).getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT coalesce(usename, '?') AS usename, coalesce(application_name, '') AS app
                        FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()
                          AND backend_type = 'client backend'""")) {
            while (rs.next()) {
                String app = rs.getString("app");
                if (!ProcessNames.ours(app)) {
                    others.add(rs.getString("usename") + (app.isEmpty() ? "" : " as " + app));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the database's sessions: " + e.getMessage(), e);
        }
        return others;
    }

    private Path existing(String name) {
        requireName(name);
        Path dir = root.resolve(name);
        if (!Files.isDirectory(dir)) {
            throw RestorePointException.missing(name);
        }
        return dir;
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw RestorePointException.invalidName(name);
        }
    }

    DataSource ownerDataSource() {
        return database.dataSource();
    }
}
