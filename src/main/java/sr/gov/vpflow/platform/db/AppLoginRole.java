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
 * bypass row-level security and is a member of no office role. Its only membership is
 * {@code vpflow_user}, whose every right asks the database for the user a transaction's token
 * proves; without a token it reaches no table.
 */
record AppLoginRole(String user, String password) {

    static final String DEFAULT_USER = "vpflow_app";
    static final String GROUP = "vpflow_user";

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
                st.execute("ALTER ROLE " + role + " WITH LOGIN INHERIT PASSWORD " + pw);
            } else {
                st.execute("CREATE ROLE " + role
                        + " LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD " + pw);
                log.info("created the application login role {}", user);
            }
            // earlier versions made it a member of every office role, to SET ROLE per request
            for (String office : memberships(c)) {
                if (!office.equals(GROUP)) {
                    st.execute("REVOKE " + quoteIdent(office) + " FROM " + role);
                    log.info("the application login role {} is no longer a member of {}", user, office);
                }
            }
            st.execute("GRANT " + GROUP + " TO " + role);
            requireSafe(c);
        }
    }

    private java.util.List<String> memberships(Connection c) throws SQLException {
        java.util.List<String> roles = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT g.rolname FROM pg_auth_members m
                JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member
                WHERE r.rolname = ?""")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    roles.add(rs.getString(1));
                }
            }
        }
        return roles;
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
                SELECT r.rolsuper, r.rolbypassrls,
                       (SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                         WHERE k.relowner = r.oid AND n.nspname = ?) AS owned,
                       (SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                         WHERE m.member = r.oid AND g.rolname <> ?) AS other_memberships
                FROM pg_roles r WHERE r.rolname = ?""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, OwnerDatabase.SCHEMA);
            ps.setString(2, GROUP);
            ps.setString(3, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1) || rs.getBoolean(2) || rs.getLong(3) > 0 || rs.getLong(4) > 0) {
                    throw new IllegalStateException("the application login role " + user
                            + " must not be superuser, bypass row-level security, own tables or be a member of"
                            + " any role but " + GROUP + "; choose another VPFLOW_DB_APP_USER or fix that role");
                }
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
