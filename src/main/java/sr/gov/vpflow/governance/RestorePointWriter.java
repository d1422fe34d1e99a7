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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import sr.gov.vpflow.platform.OfficeTime;

/**
 * Makes a restore point: one REPEATABLE READ snapshot of the whole database, exported to a few
 * connections that copy the tables side by side (biggest first) with binary COPY, hashing each
 * file as it is written. Files go to a hidden folder, are forced to disk, the manifest is written
 * last, and only then is the folder renamed to the restore point's name.
 */
final class RestorePointWriter {

    /** Web sessions are not records; they are copied but a restore does not bring them back. */
    static final Set<String> NOT_RESTORED = Set.of("spring_session", "spring_session_attributes");

    private final DataSource owner;
    private final int workers;

    RestorePointWriter(DataSource owner, int workers) {
        this.owner = owner;
        this.workers = workers;
    }

    RestorePointManifest write(Path root, String name, String reason, Progress progress) {
        long started = System.nanoTime();
        Path tmp = root.resolve(".incomplete-" + name + "-" + System.nanoTime());
        boolean published = false;
        try (Connection c = owner.getConnection()) {
            Files.createDirectories(tmp.resolve("data"));
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
                    OffsetDateTime.now(ZoneOffset.UTC)
                            .atZoneSameInstant(OfficeTime.ZONE)
                            .toOffsetDateTime()
                            .toString(),
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
                    (System.nanoTime() - started) / 1_000_000);
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

    private List<RestorePointManifest.Table> copyTables(Path dataDir, String snapshot, Metadata meta, Progress progress)
            throws IOException, SQLException {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(meta.tables().stream()
                .sorted(Comparator.comparing((String t) -> meta.sizes().get(t)).reversed())
                .toList());
        int threads = Math.max(1, Math.min(workers, meta.tables().size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "restore-point-copy");
            t.setDaemon(true);
            return t;
        });
        Map<String, RestorePointManifest.Table> done = new java.util.concurrent.ConcurrentHashMap<>();
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
                        String table;
                        while ((table = queue.poll()) != null) {
                            RestorePointManifest.Table t =
                                    copyTable(w, dataDir, table, meta.columns().get(table));
                            done.put(table, t);
                            progress.report("  " + table + ": " + t.rows() + " rows, " + mb(t.bytes()));
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
        return meta.tables().stream().map(done::get).toList();
    }

    private static RestorePointManifest.Table copyTable(Connection c, Path dataDir, String table, List<String> columns)
            throws SQLException, IOException {
        String file = table + ".copy";
        Path path = dataDir.resolve(file);
        MessageDigest digest = CopyFile.sha256();
        long rows;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = new BufferedOutputStream(
                        new DigestOutputStream(Channels.newOutputStream(channel), digest), 1 << 20)) {
            rows = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyOut("COPY vpflow." + quote(table) + " TO STDOUT (FORMAT binary)", out);
            out.flush();
            channel.force(true);
        }
        return new RestorePointManifest.Table(
                table,
                columns,
                rows,
                "data/" + file,
                Files.size(path),
                CopyFile.hex(digest),
                !NOT_RESTORED.contains(table));
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
