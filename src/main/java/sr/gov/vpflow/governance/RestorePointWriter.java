package sr.gov.vpflow.governance;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import sr.gov.vpflow.audit.AuditAnchor;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SafeFiles;

/**
 * Makes a restore point: one REPEATABLE READ snapshot of the whole database, exported to a few
 * connections that copy the tables side by side (biggest first) with binary COPY, hashing each
 * file as it is written. Files go to a hidden folder, are forced to disk, the manifest is written
 * last, and only then is the folder renamed to the restore point's name.
 */
final class RestorePointWriter {

    /**
     * Tokens are not records: a restore point keeps their table's shape but none of their rows (no
     * copy of a token's hash leaves the database), and a restore ends every session and token. The
     * sign-in counters per address are not records either: after a restore they start afresh.
     */
    static final Set<String> NOT_RESTORED = Set.of("access_tokens", "sign_in_sources");

    /** A table bigger than this is copied in parts, side by side. */
    private static final long PART_BYTES = 64L * 1024 * 1024;

    private static final int MAX_PARTS = 64;

    /**
     * PostgreSQL's usual block size; only the splitting into parts depends on it, and the last part
     * takes every block from its start on, so another size still copies every row.
     */
    private static final long BLOCK_SIZE = 8192;

    private final DataSource owner;
    private final int workers;

    private final java.time.Clock clock;

    RestorePointWriter(DataSource owner, int workers, java.time.Clock clock) {
        this.clock = clock;
        this.owner = owner;
        this.workers = workers;
    }

    RestorePointManifest write(Path root, String name, String reason, AuditAnchor anchor, Progress progress) {
        long started = System.nanoTime();
        Path tmp = root.resolve(".incomplete-" + name + "-" + System.nanoTime());
        boolean published = false;
        try (Connection c = owner.getConnection()) {
            // a restore point holds every record, password hashes included: for the owner's eyes only
            SafeFiles.privateDirectory(tmp);
            SafeFiles.privateDirectory(tmp.resolve("data"));
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            String snapshot = single(c, "SELECT pg_export_snapshot()");
            List<String> schema = SchemaFingerprint.lines(c);
            Metadata meta = metadata(c);
            progress.report(
                    "restore point " + name + ": copying " + meta.tables().size() + " tables of schema version "
                            + meta.schemaVersion() + " ("
                            + mb(meta.sizes().values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()) + " of table data)");
            List<RestorePointManifest.Table> tables = copyTables(tmp.resolve("data"), snapshot, meta, progress);
            c.commit();

            String schemaText = SchemaFingerprint.text(schema);
            SafeFiles.writeString(tmp.resolve("schema.txt"), schemaText);
            long rows =
                    tables.stream().mapToLong(RestorePointManifest.Table::rows).sum();
            long bytes =
                    tables.stream().mapToLong(RestorePointManifest.Table::bytes).sum();
            RestorePointManifest manifest = new RestorePointManifest(
                    RestorePointManifest.FORMAT,
                    name,
                    reason,
                    OfficeTime.now(clock).toOffsetDateTime().toString(),
                    meta.schemaVersion(),
                    meta.postgresVersion(),
                    meta.database(),
                    meta.owner(),
                    meta.migrations(),
                    meta.historyDdl(),
                    "schema.txt",
                    SchemaFingerprint.sha256(schema),
                    tables,
                    meta.sequences(),
                    rows,
                    bytes,
                    (System.nanoTime() - started) / 1_000_000,
                    anchor);
            Manifests.write(tmp, manifest);
            Path target = root.resolve(name);
            if (Files.exists(target)) {
                throw RestorePointException.exists(name);
            }
            SafeFiles.publishDirectory(tmp, target);
            published = true;
            progress.report("restore point " + name + ": " + rows + " rows in " + tables.size() + " tables, "
                    + mb(bytes) + ", " + manifest.durationMs() + " ms");
            return manifest;
        } catch (SQLException | IOException e) {
            throw RestorePointException.failed("cannot make the restore point " + name, e);
        } finally {
            if (!published) {
                SafeFiles.removeUnpublished(tmp);
            }
        }
    }

    /**
     * One file to write: a whole table, or a range of its blocks. {@code columns} are the stored
     * columns (a generated column is computed again when the rows are copied back in).
     */
    private record Unit(String table, String columns, int part, int parts, long fromBlock, long toBlock, long bytes) {

        String file() {
            return parts == 1 ? table + ".copy" : String.format(java.util.Locale.ROOT, "%s.%04d.copy", table, part);
        }

        String query() {
            String from = "vpflow." + quote(table);
            if (NOT_RESTORED.contains(table)) {
                return "COPY (SELECT " + columns + " FROM " + from + " WHERE false) TO STDOUT (FORMAT binary)";
            }
            if (parts == 1) {
                return "COPY " + from + " TO STDOUT (FORMAT binary)";
            }
            // a TID range scan reads the blocks in order; the last part takes whatever lies beyond
            String where = "ctid >= '(" + fromBlock + ",0)'::tid"
                    + (part == parts ? "" : " AND ctid < '(" + toBlock + ",0)'::tid");
            return "COPY (SELECT " + columns + " FROM " + from + " WHERE " + where + ") TO STDOUT (FORMAT binary)";
        }
    }

    private List<RestorePointManifest.Table> copyTables(Path dataDir, String snapshot, Metadata meta, Progress progress)
            throws IOException, SQLException {
        List<Unit> units = new ArrayList<>();
        for (String table : meta.tables()) {
            long bytes = meta.sizes().get(table);
            long blocks = bytes / BLOCK_SIZE;
            int parts = (int) Math.max(1, Math.min(MAX_PARTS, (bytes + PART_BYTES - 1) / PART_BYTES));
            String columns = String.join(
                    ", ",
                    meta.columns().getOrDefault(table, List.of()).stream()
                            .map(c -> quote(c.substring(0, c.indexOf(' '))))
                            .toList());
            for (int p = 1; p <= parts; p++) {
                units.add(new Unit(
                        table, columns, p, parts, blocks * (p - 1) / parts, blocks * p / parts, bytes / parts));
            }
        }
        // the biggest first, so that no connection is left with a big file at the end
        ConcurrentLinkedQueue<Unit> queue = new ConcurrentLinkedQueue<>(units.stream()
                .sorted(Comparator.comparingLong(Unit::bytes).reversed())
                .toList());
        int threads = Math.max(1, Math.min(workers, units.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "restore-point-copy");
            t.setDaemon(true);
            return t;
        });
        Map<Unit, RestorePointManifest.Part> done = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    try (Connection w = owner.getConnection()) {
                        w.setAutoCommit(false);
                        try (Statement st = w.createStatement()) {
                            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                            st.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "") + "'");
                        }
                        Unit unit;
                        while ((unit = queue.poll()) != null) {
                            RestorePointManifest.Part part = copy(w, dataDir, unit);
                            done.put(unit, part);
                            progress.report("  " + unit.table()
                                    + (unit.parts() == 1 ? "" : " part " + unit.part() + "/" + unit.parts()) + ": "
                                    + part.rows() + " rows, " + mb(part.bytes()));
                        }
                        w.commit();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        List<RestorePointManifest.Table> tables = new ArrayList<>();
        for (String table : meta.tables()) {
            List<RestorePointManifest.Part> parts = units.stream()
                    .filter(u -> u.table().equals(table))
                    .sorted(Comparator.comparingInt(Unit::part))
                    .map(done::get)
                    .toList();
            tables.add(new RestorePointManifest.Table(
                    table,
                    meta.columns().get(table),
                    parts.stream().mapToLong(RestorePointManifest.Part::rows).sum(),
                    parts.stream().mapToLong(RestorePointManifest.Part::bytes).sum(),
                    !NOT_RESTORED.contains(table),
                    parts));
        }
        return tables;
    }

    private static RestorePointManifest.Part copy(Connection c, Path dataDir, Unit unit)
            throws SQLException, IOException {
        Path path = dataDir.resolve(unit.file());
        MessageDigest digest = CopyFile.sha256();
        long rows;
        try (FileChannel channel = FileChannel.open(
                        path,
                        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        SafeFiles.ownerOnlyFile(path));
                OutputStream out = new BufferedOutputStream(
                        new DigestOutputStream(Channels.newOutputStream(channel), digest), 1 << 20)) {
            rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut(unit.query(), out);
            out.flush();
            channel.force(true);
        }
        return new RestorePointManifest.Part("data/" + unit.file(), rows, Files.size(path), CopyFile.hex(digest));
    }

    record Metadata(
            String schemaVersion,
            String postgresVersion,
            String database,
            String owner,
            List<RestorePointManifest.Migration> migrations,
            List<String> historyDdl,
            List<String> tables,
            Map<String, List<String>> columns,
            Map<String, Long> sizes,
            List<RestorePointManifest.Sequence> sequences) {}

    static Metadata metadata(Connection c) throws SQLException {
        List<RestorePointManifest.Migration> migrations = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT installed_rank, version, description, type, script, checksum, success
                        FROM vpflow.flyway_schema_history ORDER BY installed_rank""")) {
            while (rs.next()) {
                migrations.add(new RestorePointManifest.Migration(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        (Integer) rs.getObject(6),
                        rs.getBoolean(7)));
            }
        }
        String version = migrations.stream()
                .filter(RestorePointManifest.Migration::isScript)
                .reduce((a, b) -> b)
                .map(RestorePointManifest.Migration::version)
                .orElse("none");
        List<String> tables = new ArrayList<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'vpflow' AND c.relkind IN ('r', 'p')
                          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid
                                          AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
                        ORDER BY c.relname""")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT c.relname, a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'vpflow' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
                          -- a generated column is not copied: PostgreSQL computes it again on the way in
                          AND a.attgenerated = ''
                        ORDER BY c.relname, a.attnum""")) {
            while (rs.next()) {
                columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<RestorePointManifest.Sequence> sequences = new ArrayList<>();
        for (String seq : list(c, """
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'vpflow' AND c.relkind = 'S' ORDER BY 1""")) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM vpflow." + quote(seq))) {
                rs.next();
                sequences.add(new RestorePointManifest.Sequence(seq, rs.getLong(1), rs.getBoolean(2)));
            }
        }
        return new Metadata(
                version,
                single(c, "SHOW server_version"),
                single(c, "SELECT current_database()"),
                single(c, "SELECT current_user"),
                migrations,
                historyTableDdl(c),
                tables,
                columns,
                sizes,
                sequences);
    }

    /**
     * Flyway makes its history table itself, not a migration; a restore makes it again from this
     * description of the original (columns, constraints, indexes).
     */
    static List<String> historyTableDdl(Connection c) throws SQLException {
        List<String> columns = list(c, """
                SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
                       || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                       || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = 'vpflow.flyway_schema_history'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum""");
        List<String> ddl = new ArrayList<>();
        ddl.add("CREATE TABLE vpflow.flyway_schema_history (" + String.join(", ", columns) + ")");
        ddl.addAll(list(c, """
                SELECT 'ALTER TABLE vpflow.flyway_schema_history ADD CONSTRAINT ' || quote_ident(conname) || ' '
                       || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE conrelid = 'vpflow.flyway_schema_history'::regclass ORDER BY conname"""));
        ddl.addAll(list(c, """
                SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x
                WHERE x.indrelid = 'vpflow.flyway_schema_history'::regclass
                  AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = x.indexrelid)
                ORDER BY 1"""));
        return ddl;
    }

    static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static List<String> list(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
