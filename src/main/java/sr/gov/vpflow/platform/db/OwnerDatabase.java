package sr.gov.vpflow.platform.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sr.gov.vpflow.platform.VpFlowProperties;

/**
 * The database as its owner sees it: the role that migrates, creates the application's login
 * role, and makes restore points. Either the embedded PostgreSQL under the data folder or the
 * external one named by VPFLOW_DB_URL. Request handling never uses this connection.
 */
public final class OwnerDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OwnerDatabase.class);
    public static final String EMBEDDED_DATABASE = "vpflow";
    public static final String SCHEMA = "vpflow";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgresServer embedded;

    private OwnerDatabase(String jdbcUrl, String user, String password, EmbeddedPostgresServer embedded) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    public static OwnerDatabase open(VpFlowProperties properties) {
        VpFlowProperties.Db db = properties.db();
        if (db.external()) {
            if (db.user() == null || db.user().isBlank()) {
                throw new IllegalStateException("VPFLOW_DB_URL is set: set VPFLOW_DB_USER and VPFLOW_DB_PASSWORD to "
                        + "the owner of that database too");
            }
            log.info("using the external PostgreSQL database {}", redact(db.url()));
            return new OwnerDatabase(db.url(), db.user(), db.password(), null);
        }
        EmbeddedPostgresServer server =
                EmbeddedPostgresServer.startOrAttach(properties.dataDir(), properties.resolvedBinariesDir());
        try {
            createDatabaseIfMissing(server);
        } catch (SQLException e) {
            server.close();
            throw new IllegalStateException("cannot prepare the embedded database: " + e.getMessage(), e);
        }
        return new OwnerDatabase(
                server.jdbcUrl(EMBEDDED_DATABASE),
                EmbeddedPostgresServer.SUPERUSER,
                server.superuserPassword(),
                server);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = server.connect("postgres");
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE " + EMBEDDED_DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                    }
                    log.info("created the database {}", EMBEDDED_DATABASE);
                }
            }
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** A fresh, unpooled data source of the owner with the VP-Flow schema on its search path. */
    public DataSource dataSource() {
        return dataSource("owner", null);
    }

    /**
     * The same, for one purpose (named in pg_stat_activity) and with server settings for its
     * sessions, such as {@code -c lock_timeout=500ms}.
     */
    public DataSource dataSource(String purpose, String options) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(user);
        if (password != null) {
            ds.setPassword(password);
        }
        ds.setCurrentSchema(SCHEMA);
        ds.setApplicationName(ProcessNames.of(purpose));
        if (options != null) {
            ds.setOptions(options);
        }
        return ds;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public boolean embedded() {
        return embedded != null;
    }

    /** The embedded PostgreSQL if this process started it (and so looks after it). */
    Optional<EmbeddedPostgresServer> startedEmbedded() {
        return Optional.ofNullable(embedded).filter(EmbeddedPostgresServer::startedHere);
    }

    /** The PostgreSQL cluster folder of the embedded database. */
    public Optional<Path> embeddedClusterDir() {
        return Optional.ofNullable(embedded).map(EmbeddedPostgresServer::clusterDir);
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
