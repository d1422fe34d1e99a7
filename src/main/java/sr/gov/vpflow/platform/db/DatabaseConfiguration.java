package sr.gov.vpflow.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.session.jdbc.config.annotation.SpringSessionTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import sr.gov.vpflow.platform.VpFlowProperties;

/**
 * Opens the database as its owner, migrates it, prepares the application's login role, and only
 * then builds the pool that every request uses.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    OwnerDatabase ownerDatabase(VpFlowProperties properties) {
        return OwnerDatabase.open(properties);
    }

    @Bean
    PreparedDatabase preparedDatabase(OwnerDatabase owner, VpFlowProperties properties) {
        DataSource ownerDs = owner.dataSource();
        SchemaMigrator.migrate(ownerDs);
        AppLoginRole login = AppLoginRole.resolve(properties);
        login.provision(ownerDs);
        return new PreparedDatabase(owner.jdbcUrl(), login);
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(PreparedDatabase prepared) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("vpflow");
        config.setJdbcUrl(prepared.jdbcUrl());
        config.setUsername(prepared.login().user());
        config.setPassword(prepared.login().password());
        config.setMaximumPoolSize(10);
        config.addDataSourceProperty("currentSchema", OwnerDatabase.SCHEMA);
        config.addDataSourceProperty("ApplicationName", "vpflow");
        return new HikariDataSource(config);
    }

    @Bean
    @Primary
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new ActorTransactionManager(dataSource);
    }

    /** Sessions are stored before any user is known; they use the bare login role. */
    @Bean
    @SpringSessionTransactionManager
    PlatformTransactionManager sessionTransactionManager(DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    record PreparedDatabase(String jdbcUrl, AppLoginRole login) {}
}
