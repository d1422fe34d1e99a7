package sr.gov.vpflow.platform.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sr.gov.vpflow.platform.VpFlowProperties;

/**
 * The login role of the application's connection pool: it owns nothing, is no superuser, cannot
 * bypass row-level security and inherits no rights; each transaction switches from it to the
 * acting user's role (the way PostgREST's authenticator does).
 */
record AppLoginRole(String user, String password) {

    static final String DEFAULT_USER = "vpflow_app";
    private static final String ROLES = "vpflow_vp, vpflow_secretary, vpflow_admin, vpflow_login";

    static AppLoginRole resolve(VpFlowProperties properties) {
        VpFlowProperties.Db db = properties.db();
        boolean given = db.appUser() != null && !db.appUser().isBlank();
        if (given && (db.appPassword() == null || db.appPassword().isBlank())) {
            throw new IllegalStateException("VPFLOW_DB_APP_USER is set: set VPFLOW_DB_APP_PASSWORD too");
        }
        if (given) {
            return new AppLoginRole(db.appUser(), db.appPassword());
        }
        Path file = properties.dataDir().resolve("secrets").resolve("database-app-password");
        return new AppLoginRole(DEFAULT_USER, SecretFiles.readOrCreate(file, 32));
    }

    /** Creates the role or brings its password and memberships up to date; refuses an unsafe role. */
    void provision(DataSource owner) {
        try (Connection c = owner.getConnection()) {
            provision(c);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot prepare the application login role " + user + ": " + e.getMessage(), e);
        }
    }

    /**
     * The same on an owner connection, within whatever transaction it has: a restore re-makes
     * the schema and the role's grants in one transaction.
     */
    void provision(Connection c) throws SQLException {
        Logger log = LoggerFactory.getLogger(AppLoginRole.class);
        try (Statement st = c.createStatement()) {
            String role = quoteIdent(user);
            String pw = quoteLiteral(password);
            if (exists(c)) {
                st.execute("ALTER ROLE " + role + " WITH LOGIN NOINHERIT PASSWORD " + pw);
            } else {
                st.execute("CREATE ROLE " + role
                        + " LOGIN NOINHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD " + pw);
                log.info("created the application login role {}", user);
            }
            requireSafe(c);
            st.execute("GRANT " + ROLES + " TO " + role);
            st.execute("GRANT USAGE ON SCHEMA " + OwnerDatabase.SCHEMA + " TO " + role);
            st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON spring_session, spring_session_attributes TO " + role);
            for (String table : new String[] {"spring_session", "spring_session_attributes"}) {
                if (!policyExists(c, table, table + "_app")) {
                    st.execute("CREATE POLICY " + quoteIdent(table + "_app") + " ON " + table + " TO " + role
                            + " USING (true) WITH CHECK (true)");
                }
            }
        }
    }

    private boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void requireSafe(Connection c) throws SQLException {
        String sql = """
                SELECT r.rolsuper, r.rolbypassrls, r.rolinherit,
                       (SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                         WHERE k.relowner = r.oid AND n.nspname = ?) AS owned
                FROM pg_roles r WHERE r.rolname = ?""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, OwnerDatabase.SCHEMA);
            ps.setString(2, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1) || rs.getBoolean(2) || rs.getBoolean(3) || rs.getLong(4) > 0) {
                    throw new IllegalStateException("the application login role " + user
                            + " must not be superuser, bypass row-level security, inherit rights or own tables;"
                            + " choose another VPFLOW_DB_APP_USER or fix that role");
                }
            }
        }
    }

    private static boolean policyExists(Connection c, String table, String policy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_policies WHERE schemaname = ? AND tablename = ? AND policyname = ?")) {
            ps.setString(1, OwnerDatabase.SCHEMA);
            ps.setString(2, table);
            ps.setString(3, policy);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String quoteIdent(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
