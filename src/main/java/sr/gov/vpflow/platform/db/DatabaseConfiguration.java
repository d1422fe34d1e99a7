package sr.gov.vpflow.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import sr.gov.vpflow.platform.VpFlowProperties;

/**
 * Opens the database as its owner, migrates it, prepares the application's login role, and only
 * then builds the pool that every request uses.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    OwnerDatabase ownerDatabase(VpFlowProperties properties) {
        return OwnerDatabase.open(properties);
    }

    @Bean
    ApplicationLogin applicationLogin(OwnerDatabase owner, VpFlowProperties properties) {
        return new ApplicationLogin(owner.jdbcUrl(), AppLoginRole.resolve(properties));
    }

    /**
     * The v1.0 migrations are applied at every start. Later ones belong to governed plans: a
     * database created by this very start gets them at once (with restore points and validation);
     * an existing database gets them only from the operator, so the server refuses to start on it
     * unless told to keep running the older version (VPFLOW_SCHEMA_TARGET=v1.0). Commands of the
     * command line run on it as it is, since one of them is {@code migrate}.
     */
    @Bean
    PreparedDatabase preparedDatabase(
            OwnerDatabase owner,
            ApplicationLogin login,
            Environment environment,
            VpFlowProperties properties,
            ObjectProvider<GovernedInstallation> governed) {
        DataSource ownerDs = owner.dataSource();
        boolean serving = !commandLine(environment);
        if (serving) {
            // before anything is written: a database that would lose commits is not installed either
            requireDurability(ownerDs, null, properties.allowUnsafeDurability());
        }
        SchemaState state = SchemaMigrator.migrate(ownerDs);
        login.role().provision(ownerDs);
        if (serving) {
            // the server's configuration decides; a command beside it must not undo it
            LoginSettings.write(ownerDs, properties.login(), properties.demo());
            requireDurability(ownerDs, login, properties.allowUnsafeDurability());
        }
        if (!state.upToDate()) {
            SchemaTarget target = SchemaTarget.of(environment.getProperty("vpflow.schema-target"));
            GovernedInstallation installer = governed.getIfAvailable();
            if (state.freshInstall() && target == SchemaTarget.LATEST && installer != null) {
                installer.installFresh(state);
            } else if (target == SchemaTarget.LATEST && !commandLine(environment)) {
                throw new PendingGovernedMigrationsException(
                        state,
                        installer == null
                                ? "Run the governed migration: vpflow migrate --help."
                                : installer.instructions(state));
            } else {
                log.info(
                        "running on schema version {}; governed migrations {} are pending",
                        state.version(),
                        String.join(", ", state.pendingGoverned()));
            }
        }
        if (serving) {
            HistoryWindow.prepare(ownerDs, properties.demo());
        }
        return new PreparedDatabase(owner.jdbcUrl(), login.role());
    }

    /**
     * Committed must mean on disk, for the owner's sessions and, once its role is ready, the
     * pool's (a role or a database can carry its own synchronous_commit).
     */
    private static void requireDurability(DataSource owner, ApplicationLogin login, boolean allowUnsafe) {
        java.util.Map<String, Durability.Setting> unsafe = new java.util.TreeMap<>();
        try (java.sql.Connection o = owner.getConnection()) {
            Durability.unsafe(o).forEach(s -> unsafe.put(s.name(), s));
            if (login != null) {
                try (java.sql.Connection app = login.connect("durability-check")) {
                    Durability.unsafe(app).forEach(s -> unsafe.putIfAbsent(s.name(), s));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the database's durability settings: " + e.getMessage(), e);
        }
        if (unsafe.isEmpty()) {
            return;
        }
        if (!allowUnsafe) {
            throw new UnsafeDurabilityException(List.copyOf(unsafe.values()));
        }
        log.warn(
                "PostgreSQL runs with {}: committed records can be lost in a power cut"
                        + " (allowed by VPFLOW_ALLOW_UNSAFE_DURABILITY; for tests and benchmarks only)",
                unsafe.values());
    }

    private static boolean commandLine(Environment environment) {
        return "cli".equals(environment.getProperty("vpflow.mode"));
    }

    /** The server (not a command beside it) restarts the embedded PostgreSQL if it dies. */
    @Bean(destroyMethod = "close")
    EmbeddedDatabaseSupervisor embeddedDatabaseSupervisor(
            OwnerDatabase owner, Environment environment, ObjectProvider<HikariDataSource> pool) {
        return new EmbeddedDatabaseSupervisor(
                commandLine(environment) ? null : owner.startedEmbedded().orElse(null), pool);
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(PreparedDatabase prepared, Environment environment) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("vpflow");
        config.setJdbcUrl(prepared.jdbcUrl());
        config.setUsername(prepared.login().user());
        config.setPassword(prepared.login().password());
        config.setMaximumPoolSize(10);
        // when the database is down a request waits this long for a connection, then is answered
        // 503 database_unavailable (and health DOWN), instead of hanging for half a minute
        config.setConnectionTimeout(2_500);
        config.setValidationTimeout(1_000);
        // pg_temp last: no temporary table comes before a table of the schema (the login may make none anyway)
        config.addDataSourceProperty("currentSchema", OwnerDatabase.SCHEMA + ",pg_temp");
        // the server's sessions and a command's sessions are told apart (a restore refuses to run beside a server)
        config.addDataSourceProperty("ApplicationName", ProcessNames.of(commandLine(environment) ? "cli" : "server"));
        return new HikariDataSource(config);
    }

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new ActorTransactionManager(dataSource);
    }

    record PreparedDatabase(String jdbcUrl, AppLoginRole login) {}

    /** How far start-up takes the schema by itself (VPFLOW_SCHEMA_TARGET). */
    enum SchemaTarget {
        /** A new database gets every plan; an existing one with pending plans is refused. */
        LATEST,
        /** Stay at v1.0: a new database gets only v1.0, an existing one runs as it is. */
        V1_0;

        static SchemaTarget of(String value) {
            if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("latest")) {
                return LATEST;
            }
            if (value.strip().toLowerCase(Locale.ROOT).equals("v1.0")) {
                return V1_0;
            }
            throw new IllegalStateException("VPFLOW_SCHEMA_TARGET must be 'latest' or 'v1.0', not '" + value + "'");
        }
    }
}
