package sr.gov.vpflow.governance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * The schema described object by object, one sorted line each ("column cases.state #9 vpflow.case_state
 * not null default 'open'"), without anything that depends on where or when it was made (no oids).
 * Two schemas with the same lines are the same schema, grants and policies included (a default
 * grant is written out, so that granting and revoking again changes nothing); the lines
 * that differ say what changed. Objects of extensions are left out (their version is listed).
 */
final class SchemaFingerprint {

    private static final String IN_SCHEMA = "n.nspname = 'vpflow'";
    private static final String NOT_EXTENSION =
            "NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = %s AND d.classid = '%s'::regclass AND d.deptype = 'e')";

    private static final List<String> QUERIES = List.of(
            """
            SELECT 'table ' || c.relname || ' kind=' || c.relkind::text || ' rls=' || c.relrowsecurity
                   || ' force=' || c.relforcerowsecurity || ' owner=' || pg_get_userbyid(c.relowner)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %s AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND %s""".formatted(IN_SCHEMA, NOT_EXTENSION.formatted("c.oid", "pg_class")),
            """
            SELECT 'acl ' || c.relname || ' ' || coalesce((SELECT string_agg(x::text, ',' ORDER BY x::text)
                                                           FROM unnest(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) x), '-')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %s AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND %s""".formatted(IN_SCHEMA, NOT_EXTENSION.formatted("c.oid", "pg_class")),
            """
            SELECT 'column ' || c.relname || '.' || a.attname || ' #' || a.attnum || ' '
                   || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                   || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '')
                   || coalesce(' acl ' || (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(a.attacl) x), '')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            WHERE %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND %s""".formatted(IN_SCHEMA, NOT_EXTENSION.formatted("c.oid", "pg_class")),
            """
            SELECT 'constraint ' || c.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %s""".formatted(IN_SCHEMA),
            """
            SELECT 'index ' || t.relname || '.' || i.relname || ' ' || pg_get_indexdef(i.oid)
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE %s AND %s""".formatted(IN_SCHEMA, NOT_EXTENSION.formatted("t.oid", "pg_class")),
            """
            SELECT 'trigger ' || c.relname || '.' || t.tgname || ' ' || pg_get_triggerdef(t.oid)
                   || ' enabled=' || t.tgenabled::text
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %s AND NOT t.tgisinternal""".formatted(IN_SCHEMA),
            """
            SELECT 'policy ' || c.relname || '.' || p.polname || ' ' || p.polcmd::text || ' permissive=' || p.polpermissive
                   || ' roles=' || (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r) END, ','
                                                      ORDER BY 1) FROM unnest(p.polroles) r)
                   || ' using=' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-')
                   || ' check=' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')
            FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE %s""".formatted(IN_SCHEMA),
            """
            SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '
                   || md5(pg_get_functiondef(p.oid)) || ' owner=' || pg_get_userbyid(p.proowner)
                   || ' acl=' || coalesce((SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) x), '-')
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE %s AND p.prokind IN ('f', 'p') AND %s""".formatted(IN_SCHEMA, NOT_EXTENSION.formatted("p.oid", "pg_proc")),
            """
            SELECT 'type ' || t.typname || ' ' || t.typtype::text || ' owner=' || pg_get_userbyid(t.typowner)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE %s AND t.typtype IN ('e', 'd', 'r', 'm') AND %s""".formatted(IN_SCHEMA, NOT_EXTENSION.formatted("t.oid", "pg_type")),
            """
            SELECT 'enum ' || t.typname || ' #' || row_number() OVER (PARTITION BY t.oid ORDER BY e.enumsortorder)
                   || ' ' || e.enumlabel
            FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE %s""".formatted(IN_SCHEMA),
            """
            SELECT 'text search configuration ' || c.cfgname || ' owner=' || pg_get_userbyid(c.cfgowner)
                   || ' parser=' || p.prsname || ' map='
                   || coalesce((SELECT string_agg(m.maptokentype || ':' || m.mapseqno || ':' || d.dictname, ','
                                                  ORDER BY m.maptokentype, m.mapseqno)
                                FROM pg_ts_config_map m JOIN pg_ts_dict d ON d.oid = m.mapdict
                                WHERE m.mapcfg = c.oid), '-')
            FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
            JOIN pg_ts_parser p ON p.oid = c.cfgparser
            WHERE %s""".formatted(IN_SCHEMA),
            """
            SELECT 'extension ' || e.extname || ' ' || e.extversion
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE %s""".formatted(IN_SCHEMA),
            """
            SELECT 'schema ' || n.nspname || ' owner=' || pg_get_userbyid(n.nspowner) || ' acl='
                   || coalesce((SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(n.nspacl, acldefault('n', n.nspowner))) x), '-')
            FROM pg_namespace n WHERE %s""".formatted(IN_SCHEMA));

    private SchemaFingerprint() {}

    /** The schema's lines, sorted. Runs in the caller's transaction with the VP-Flow schema on the path. */
    static List<String> lines(Connection c) throws SQLException {
        TreeSet<String> lines = new TreeSet<>();
        try (Statement st = c.createStatement()) {
            // the same path every time, so that expressions print their names the same way
            st.execute("SET LOCAL search_path = vpflow");
            for (String sql : QUERIES) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        lines.add(rs.getString(1).replaceAll("\\s+", " ").strip());
                    }
                }
            }
        }
        return new ArrayList<>(lines);
    }

    static String sha256(List<String> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                digest.update(line.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** What differs between two descriptions: lines only in the first, lines only in the second. */
    record Difference(List<String> removed, List<String> added) {

        static Difference between(List<String> before, List<String> after) {
            TreeSet<String> removed = new TreeSet<>(before);
            after.forEach(removed::remove);
            TreeSet<String> added = new TreeSet<>(after);
            before.forEach(added::remove);
            return new Difference(List.copyOf(removed), List.copyOf(added));
        }

        boolean none() {
            return removed.isEmpty() && added.isEmpty();
        }
    }
}
