package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The login role of the application's pool, for tools that need a connection of their own with
 * exactly the application's rights: the governed migration checks the row-level security matrix
 * and records audit events through it, as the application would. Such a connection is no pool
 * connection: it starts as the bare login role, and {@link ActingUser#begin} gives a transaction
 * its actor.
 */
public final class ApplicationLogin {

    private final String jdbcUrl;
    private final AppLoginRole role;

    ApplicationLogin(String jdbcUrl, AppLoginRole role) {
        this.jdbcUrl = jdbcUrl;
        this.role = role;
    }

    /** The database role the application's pool logs in as. */
    public String user() {
        return role.user();
    }

    /** A new connection as the login role, auto-commit off, with the VP-Flow schema on its path. */
    public Connection connect(String purpose) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", role.user());
        props.setProperty("password", role.password());
        props.setProperty("currentSchema", OwnerDatabase.SCHEMA);
        props.setProperty("ApplicationName", ProcessNames.of(purpose));
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        c.setAutoCommit(false);
        return c;
    }

    /**
     * Creates the login role or brings it up to date, on an owner connection and in its
     * transaction: its grants and the session-table policies live in the schema, so a restore that
     * re-makes the schema makes them again.
     */
    public void provision(Connection ownerConnection) throws SQLException {
        role.provision(ownerConnection);
    }

    AppLoginRole role() {
        return role;
    }
}
