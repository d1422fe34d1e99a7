package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One holder at a time of a lock, between the servers that share a database and the commands
 * beside them: a PostgreSQL session advisory lock on a connection of its own, released when it is
 * closed (or when the holder's process dies and its connection with it). Modules take locks here
 * instead of opening the owner's connection themselves.
 */
@Component
public class SessionLocks {

    private static final Logger log = LoggerFactory.getLogger(SessionLocks.class);

    private final OwnerDatabase database;

    SessionLocks(OwnerDatabase database) {
        this.database = database;
    }

    /** The lock {@code key}, or empty while another holds it; {@code name} names its connection. */
    public Optional<Held> tryTake(String name, long key) throws SQLException {
        return tryTake(database, name, key);
    }

    /** As {@link #tryTake(String, long)}, for governance, which also runs without the application. */
    public static Optional<Held> tryTake(OwnerDatabase database, String name, long key) throws SQLException {
        Connection c = database.dataSource(name + "-lock", null).getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    Held held = new Held(c, name);
                    c = null;
                    return Optional.of(held);
                }
                return Optional.empty();
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A lock held until closed. */
    public static final class Held implements AutoCloseable {

        private final Connection connection;
        private final String name;

        private Held(Connection connection, String name) {
            this.connection = connection;
            this.name = name;
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("could not release the {} lock: {}", name, e.getMessage());
            }
        }
    }
}
