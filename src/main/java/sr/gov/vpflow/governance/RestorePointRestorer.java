package sr.gov.vpflow.governance;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.SchemaMigrator;

/**
 * Brings the database back to a restore point in one transaction, so that it either succeeds
 * completely or changes nothing: the schema is dropped and made again by the very migrations it
 * was made with (the scripts of this build, checked against the recorded checksums), the
 * application's login role gets its grants again, and every table is filled from its file in
 * foreign-key order. Before committing, the schema is compared line by line with the one recorded
 * and every table's row count with the manifest.
 */
final class RestorePointRestorer {

    private final DataSource owner;
    private final ApplicationLogin login;

    RestorePointRestorer(DataSource owner, ApplicationLogin login) {
        this.owner = owner;
        this.login = login;
    }

    void restore(Path dir, RestorePointManifest m, Map<String, String> scripts, Progress progress)
            throws SQLException, IOException {
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try {
                rebuild(c, dir, m, scripts, progress);
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void rebuild(Connection c, Path dir, RestorePointManifest m, Map<String, String> scripts, Progress progress)
            throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL lock_timeout = '10s'");
            st.execute("DROP SCHEMA IF EXISTS vpflow CASCADE");
            st.execute("CREATE SCHEMA vpflow");
            st.execute("SET LOCAL search_path = vpflow");
            progress.report("restore " + m.name() + ": making schema version " + m.schemaVersion() + " again ("
                    + scripts.size() + " migrations)");
            for (Map.Entry<String, String> script : scripts.entrySet()) {
                st.execute(script.getValue());
            }
            for (String ddl : m.historyTableDdl()) {
                st.execute(ddl);
            }
            st.execute("ALTER TABLE flyway_schema_history ENABLE ROW LEVEL SECURITY");
            st.execute("ALTER TABLE flyway_schema_history FORCE ROW LEVEL SECURITY");
            st.execute("CREATE POLICY flyway_schema_history_owner_maintenance ON flyway_schema_history"
                    + " TO CURRENT_USER USING (true) WITH CHECK (true)");
            st.execute("SET LOCAL search_path = vpflow");
        }
        SchemaMigrator.afterScripts(c);
        login.provision(c);

        List<String> order = foreignKeyOrder(
                c, m.tables().stream().map(RestorePointManifest.Table::name).toList());
        Map<String, List<String>> enabledTriggers = new LinkedHashMap<>();
        Set<String> forced = new LinkedHashSet<>();
        try (Statement st = c.createStatement()) {
            for (String table : order) {
                enabledTriggers.put(table, enabledTriggers(c, table));
                if (forcedRowSecurity(c, table)) {
                    forced.add(table);
                }
                // the no-delete triggers and the audit chain trigger must not act on restored rows:
                // the rows come back exactly as they were, hashes included
                st.execute("ALTER TABLE " + q(table) + " DISABLE TRIGGER USER");
                st.execute("ALTER TABLE " + q(table) + " NO FORCE ROW LEVEL SECURITY");
            }
            // rows that the migrations themselves inserted (event types, transitions, the chain head)
            for (int i = order.size() - 1; i >= 0; i--) {
                st.execute("DELETE FROM " + q(order.get(i)));
            }
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        for (String table : order) {
            RestorePointManifest.Table t = m.tables().stream()
                    .filter(x -> x.name().equals(table))
                    .findFirst()
                    .orElseThrow();
            if (!t.restored()) {
                continue;
            }
            long rows = 0;
            for (RestorePointManifest.Part part : t.parts()) {
                MessageDigest digest = CopyFile.sha256();
                long partRows;
                try (InputStream in = new BufferedInputStream(
                        new DigestInputStream(Files.newInputStream(dir.resolve(part.file())), digest), 1 << 20)) {
                    partRows = pg.getCopyAPI().copyIn("COPY " + q(table) + " FROM STDIN (FORMAT binary)", in);
                }
                if (!CopyFile.hex(digest).equals(part.sha256())) {
                    throw new IOException(part.file() + " changed while it was being restored");
                }
                if (partRows != part.rows()) {
                    throw new IOException(
                            part.file() + ": " + partRows + " rows restored, the manifest says " + part.rows());
                }
                rows += partRows;
            }
            progress.report("  " + table + ": " + rows + " rows");
        }
        try (Statement st = c.createStatement()) {
            for (RestorePointManifest.Sequence s : m.sequences()) {
                st.execute("SELECT setval('vpflow."
                        + RestorePointWriter.quote(s.name()).replace("'", "''") + "', " + s.lastValue() + ", "
                        + s.called() + ")");
            }
            for (String table : order) {
                for (String trigger : enabledTriggers.get(table)) {
                    st.execute("ALTER TABLE " + q(table) + " ENABLE TRIGGER " + RestorePointWriter.quote(trigger));
                }
                if (forced.contains(table)) {
                    st.execute("ALTER TABLE " + q(table) + " FORCE ROW LEVEL SECURITY");
                }
            }
        }
        check(c, dir, m);
    }

    /** The restored schema must be the recorded one, line by line, and every table must hold its rows. */
    private static void check(Connection c, Path dir, RestorePointManifest m) throws SQLException, IOException {
        List<String> recorded = Files.readAllLines(dir.resolve(m.schemaFile()));
        List<String> now = SchemaFingerprint.lines(c);
        SchemaFingerprint.Difference diff = SchemaFingerprint.Difference.between(recorded, now);
        if (!diff.none()) {
            throw new IOException("the restored schema differs from the recorded one: missing "
                    + diff.removed().stream().limit(5).toList() + ", unexpected "
                    + diff.added().stream().limit(5).toList());
        }
        for (RestorePointManifest.Table t : m.tables()) {
            long count = Long.parseLong(RestorePointWriter.single(c, "SELECT count(*) FROM " + q(t.name())));
            long expected = t.restored() ? t.rows() : 0;
            if (count != expected) {
                throw new IOException(t.name() + " holds " + count + " rows after the restore, expected " + expected);
            }
        }
    }

    private static List<String> enabledTriggers(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("""
                SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'vpflow' AND c.relname = ? AND NOT t.tgisinternal AND t.tgenabled <> 'D'
                ORDER BY t.tgname""")) {
            ps.setString(1, table);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static boolean forcedRowSecurity(Connection c, String table) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("""
                SELECT c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'vpflow' AND c.relname = ?""")) {
            ps.setString(1, table);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Parents before children, so that every foreign key finds its row when a child is filled. */
    static List<String> foreignKeyOrder(Connection c, List<String> tables) throws SQLException {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        tables.forEach(t -> parents.put(t, new LinkedHashSet<>()));
        for (String edge : RestorePointWriter.list(c, """
                SELECT child.relname || ' ' || parent.relname
                FROM pg_constraint k JOIN pg_class child ON child.oid = k.conrelid
                JOIN pg_class parent ON parent.oid = k.confrelid JOIN pg_namespace n ON n.oid = child.relnamespace
                WHERE k.contype = 'f' AND n.nspname = 'vpflow' AND k.conrelid <> k.confrelid""")) {
            String[] pair = edge.split(" ");
            if (parents.containsKey(pair[0]) && parents.containsKey(pair[1])) {
                parents.get(pair[0]).add(pair[1]);
            }
        }
        List<String> order = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (order.size() < tables.size()) {
            boolean progress = false;
            for (String t : tables) {
                if (!placed.contains(t) && placed.containsAll(parents.get(t))) {
                    order.add(t);
                    placed.add(t);
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("the foreign keys of the schema form a cycle");
            }
        }
        return order;
    }

    private static String q(String table) {
        return "vpflow." + RestorePointWriter.quote(table);
    }
}
