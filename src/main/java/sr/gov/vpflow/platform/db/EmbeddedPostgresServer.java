package sr.gov.vpflow.platform.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sr.gov.vpflow.platform.SafeFiles;

/**
 * The embedded PostgreSQL whose cluster lives in {@code <data dir>/postgres}. A process that
 * finds it already running (the server, when a command-line action runs beside it) attaches to
 * it instead of starting a second one. Its programs are unpacked into a folder only this user can
 * reach (by default {@code <data dir>/postgres-binaries}), never into a folder under /tmp that
 * another local user could put their own {@code postgres} into.
 */
final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String SUPERUSER = "postgres";

    /**
     * The library unpacks its programs once per resolver object and process; one resolver per
     * folder makes each folder get its own copy (and a restart reuse it).
     */
    private static final Map<Path, PgBinaryResolver> RESOLVERS = new ConcurrentHashMap<>();

    private final Path clusterDir;
    private final Path binariesDir;
    private final int port;
    private final String superuserPassword;
    /** the server this process started and supervises; null when it attached to another's */
    private volatile EmbeddedPostgres started;

    private EmbeddedPostgresServer(
            Path clusterDir, Path binariesDir, int port, String superuserPassword, EmbeddedPostgres started) {
        this.clusterDir = clusterDir;
        this.binariesDir = binariesDir;
        this.port = port;
        this.superuserPassword = superuserPassword;
        this.started = started;
    }

    static EmbeddedPostgresServer startOrAttach(Path dataDir, Path binaries) {
        if (!Files.exists(dataDir)) {
            try {
                SafeFiles.privateDirectory(dataDir); // a data folder made here is the owner's only
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the data folder " + dataDir, e);
            }
        }
        Path clusterDir = dataDir.resolve("postgres").toAbsolutePath();
        Path binariesDir = binaries.toAbsolutePath();
        Path passwordFile = dataDir.resolve("secrets").resolve("postgres-superuser-password");
        boolean fresh = !Files.exists(clusterDir.resolve("postgresql.conf"));
        if (!fresh && SecretFiles.read(passwordFile).isEmpty()) {
            throw new IllegalStateException("the embedded database in " + clusterDir + " has no password file "
                    + passwordFile + "; restore that file from a backup of the data folder");
        }
        String password = SecretFiles.readOrCreate(passwordFile, 32);
        Optional<Integer> running = runningPort(clusterDir);
        if (running.isPresent()) {
            log.info("attached to the embedded PostgreSQL already running on port {}", running.get());
            return new EmbeddedPostgresServer(clusterDir, binariesDir, running.get(), password, null);
        }
        try {
            EmbeddedPostgres pg = builder(clusterDir, binariesDir, password).start();
            EmbeddedPostgresServer server =
                    new EmbeddedPostgresServer(clusterDir, binariesDir, pg.getPort(), password, pg);
            if (fresh) {
                server.requirePasswords();
            }
            log.info("started the embedded PostgreSQL on port {} with its data in {}", pg.getPort(), clusterDir);
            return server;
        } catch (IOException e) {
            // another process may have started it at the same moment
            return runningPort(clusterDir)
                    .map(port -> new EmbeddedPostgresServer(clusterDir, binariesDir, port, password, null))
                    .orElseThrow(
                            () -> new UncheckedIOException("cannot start the embedded PostgreSQL in " + clusterDir, e));
        }
    }

    private static EmbeddedPostgres.Builder builder(Path clusterDir, Path binariesDir, String password)
            throws IOException {
        // the library makes the folder it unpacks into writable by everyone: it lies inside one
        // that only this user may enter
        SafeFiles.privateDirectory(binariesDir);
        return EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binariesDir.resolve("unpacked").toFile())
                .setPgBinaryResolver(RESOLVERS.computeIfAbsent(
                        binariesDir, dir -> DefaultPostgresBinaryResolver.INSTANCE::getPgBinary))
                .setDataDirectory(clusterDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                .setServerConfig("listen_addresses", "localhost")
                // TCP on localhost only: socket paths would depend on how deep the data folder lies
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("timezone", "UTC")
                // the library starts PostgreSQL with -F (no fsync) for its tests' speed; these
                // come after it on the command line and win: a committed record is on disk
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setConnectConfig("password", password)
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    /**
     * Whether the postmaster this process started still runs. Always true for a server of another
     * process: that process supervises it.
     */
    boolean alive() {
        if (started == null) {
            return true;
        }
        try {
            List<String> lines = Files.readAllLines(clusterDir.resolve("postmaster.pid"));
            long pid = Long.parseLong(lines.get(0).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Starts the postmaster again on the same port after it died: PostgreSQL recovers from its WAL
     * (crash recovery), and the pool's connections find it where they left it. Tries until it
     * starts (the dead postmaster's backends may hold its shared memory for a moment).
     *
     * @return how long it took, in milliseconds
     */
    synchronized long restart() throws InterruptedException {
        long began = System.nanoTime();
        EmbeddedPostgres dead = started;
        if (dead == null || alive()) {
            return 0;
        }
        try {
            dead.close(); // releases the library's lock on the folder; the server itself is gone
        } catch (IOException | RuntimeException e) {
            log.debug("closing the dead embedded PostgreSQL: {}", e.getMessage());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                started = builder(clusterDir, binariesDir, superuserPassword)
                        .setPort(port)
                        .start();
                return (System.nanoTime() - began) / 1_000_000;
            } catch (IOException | RuntimeException e) {
                if (attempt % 10 == 1) {
                    log.warn("the embedded PostgreSQL does not start yet (attempt {}): {}", attempt, e.getMessage());
                }
                Thread.sleep(Math.min(2000, 250L * attempt));
            }
        }
    }

    /**
     * initdb trusts every local connection; from the first start on, the superuser has a password
     * and every connection must present one.
     */
    private void requirePasswords() throws IOException {
        try (Connection c = connect("postgres");
                Statement st = c.createStatement()) {
            st.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + superuserPassword.replace("'", "''") + "'");
            Files.writeString(
                    clusterDir.resolve("pg_hba.conf"),
                    String.join(
                            System.lineSeparator(),
                            List.of(
                                    "# VP-Flow: every connection authenticates with a password",
                                    "local all all scram-sha-256",
                                    "host  all all 127.0.0.1/32 scram-sha-256",
                                    "host  all all ::1/128 scram-sha-256",
                                    "")));
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot secure the new embedded database", e);
        }
    }

    /** The port of a postmaster that runs for this cluster and answers, if any. */
    private static Optional<Integer> runningPort(Path clusterDir) {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            int port = Integer.parseInt(lines.get(3).strip());
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            return alive && answers(port) ? Optional.of(port) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    int port() {
        return port;
    }

    String superuserPassword() {
        return superuserPassword;
    }

    Path clusterDir() {
        return clusterDir;
    }

    Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", SUPERUSER);
        props.setProperty("password", superuserPassword);
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    boolean startedHere() {
        return started != null;
    }

    @Override
    public synchronized void close() {
        EmbeddedPostgres running = started;
        started = null;
        if (running != null) {
            try {
                running.close();
                log.info("stopped the embedded PostgreSQL");
            } catch (IOException e) {
                log.warn("could not stop the embedded PostgreSQL cleanly: {}", e.getMessage());
            }
        }
    }
}
