package sr.gov.vpflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

/**
 * A PostgreSQL server of its own, as a database administrator runs one for VP-Flow (durable,
 * listening on localhost), with the database {@code office} owned by a login that is no superuser.
 */
public final class ExternalPostgres {

    private ExternalPostgres() {}

    /** Starts the cluster in {@code cluster} (made when new), on {@code port} or a free one (0). */
    public static EmbeddedPostgres start(Path cluster, int port) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    /** Makes the login {@code office_owner} (may create roles) and its database {@code office}. */
    public static void createOffice(EmbeddedPostgres postgres, String password) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE ROLE office_owner LOGIN CREATEROLE PASSWORD '" + password + "'");
            st.execute("CREATE DATABASE office OWNER office_owner");
        }
    }
}
