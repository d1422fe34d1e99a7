package sr.gov.vpflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * Integration tests against the real application: the embedded PostgreSQL (one cluster per
 * test JVM, in target/test-data), real HTTP on a random port. Test classes share the one
 * application context, so each test makes its own records and assumes nothing about others.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vpflow.login.bcrypt-strength=4",
            "vpflow.login.require-second-factor=false",
            "vpflow.login.first-lock-seconds=2",
            // every test signs in from this machine (SignInThrottleIT has its own server with the limits)
            "vpflow.login.failures-per-minute=1000000",
            "vpflow.login.failures-per-account=1000000",
            // small enough that a test of the upload limit sends little
            "vpflow.max-upload-mb=2",
            // no backup at night in the middle of a test run (the backup tests run their own)
            "vpflow.backup.schedule=off",
            // the series' horizon is extended by hand where a test needs it (SeriesIT)
            "vpflow.series.extend=off",
            // the text of documents is read by hand where a test needs it (SearchIT)
            "vpflow.search.indexing=off"
        })
public abstract class IntegrationTest {

    private static final Path DATA_DIR = newDataDir("shared");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("vpflow.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected TransactionTemplate tx;

    @Autowired
    protected OwnerDatabase ownerDatabase;

    @Autowired
    protected TestAccounts accounts;

    protected Api api;

    @BeforeEach
    void prepareClient() {
        api = new Api("http://localhost:" + port);
    }

    /** A fresh folder under target/test-data for a data directory of its own. */
    public static Path newDataDir(String name) {
        try {
            Path dir = Path.of(
                            "target",
                            "test-data",
                            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + "-" + name)
                    .toAbsolutePath();
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.Map<String, Path> TEMPLATES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A data folder with VP-Flow installed as a first start leaves it (the embedded PostgreSQL's
     * cluster, the schema with {@code properties}' target, the first administrator, the secrets):
     * a copy of one installed once per test run, which saves each test the cluster's initdb, the
     * migrations and the plans. For tests about something else than the first start.
     */
    public static Path preparedDataDir(String name, String... properties) {
        Path template = TEMPLATES.computeIfAbsent(String.join(" ", properties), key -> {
            Path dir = newDataDir("template");
            StandaloneApplication.start(dir, false, properties).close();
            return dir;
        });
        Path dir = newDataDir(name);
        copyTree(template, dir);
        return dir;
    }

    private static void copyTree(Path from, Path to) {
        try (java.util.stream.Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                String file = source.getFileName().toString();
                if (file.equals("postmaster.pid") || file.endsWith(".log")) {
                    continue;
                }
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static Path sharedDataDir() {
        return DATA_DIR;
    }

    /** The owner's view, bypassing row-level security: for arranging fixtures and checking results. */
    protected JdbcClient owner() {
        return JdbcClient.create(ownerDataSource());
    }

    protected DataSource ownerDataSource() {
        return ownerDatabase.dataSource();
    }

    /** Runs work in one committed transaction as the given account, signed in with its password. */
    protected <T> T as(TestAccounts.Account account, Supplier<T> work) {
        return accounts.as(account, () -> tx.execute(s -> work.get()));
    }

    /** Runs work in one committed transaction as the system with a role's rights (an operator token). */
    protected <T> T asSystem(Role role, Supplier<T> work) {
        return accounts.asSystem(role, () -> tx.execute(s -> work.get()));
    }
}
