package sr.gov.vpflow.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Keeps the embedded PostgreSQL running while the server runs: once a second it looks whether
 * the postmaster still lives, and when it died (killed, crashed) starts it again on the same port,
 * where PostgreSQL recovers from its WAL and the pool finds it. Meanwhile requests are answered
 * 503 {@code database_unavailable} and health is DOWN.
 */
final class EmbeddedDatabaseSupervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseSupervisor.class);

    private final EmbeddedPostgresServer server;
    private final ObjectProvider<HikariDataSource> pool;
    private final ScheduledExecutorService watch;

    /** Watches the server if there is one to watch: the embedded one, started by this process. */
    EmbeddedDatabaseSupervisor(EmbeddedPostgresServer server, ObjectProvider<HikariDataSource> pool) {
        this.server = server;
        this.pool = pool;
        if (server == null) {
            watch = null;
            return;
        }
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-postgres-supervisor");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
    }

    private void check() {
        try {
            if (server.alive()) {
                return;
            }
            log.error("the embedded PostgreSQL stopped; starting it again (it recovers from its log)");
            long ms = server.restart();
            HikariDataSource connections = pool.getIfAvailable();
            if (connections != null && connections.getHikariPoolMXBean() != null) {
                connections.getHikariPoolMXBean().softEvictConnections();
            }
            log.warn("the embedded PostgreSQL runs again after {} ms", ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("the embedded PostgreSQL could not be started again: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.shutdownNow();
        }
    }
}
