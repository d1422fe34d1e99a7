package sr.gov.vpflow.governance;

import java.nio.file.Path;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/**
 * A VP-Flow of its own on a database created at v1.0 (VPFLOW_SCHEMA_TARGET=v1.0), as an office
 * that has not yet migrated runs it, filled with the office's records.
 */
final class V10Database implements AutoCloseable {

    final Path dataDir;
    final ConfigurableApplicationContext app;
    final JdbcClient owner;
    final OfficeData data;

    private V10Database(Path dataDir, ConfigurableApplicationContext app, int guests) {
        this.dataDir = dataDir;
        this.app = app;
        this.owner = JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
        this.data = guests > 0 ? OfficeData.fill(app, guests) : null;
    }

    static V10Database start(String name, int guests, boolean web) {
        Path dir = IntegrationTest.preparedDataDir(name, "vpflow.schema-target=v1.0");
        return new V10Database(dir, StandaloneApplication.start(dir, web, "vpflow.schema-target=v1.0"), guests);
    }

    <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    long count(String sql) {
        return owner.sql(sql).query(Long.class).single();
    }

    boolean tableExists(String table) {
        return owner.sql("SELECT to_regclass('vpflow.' || :t) IS NOT NULL")
                .param("t", table)
                .query(Boolean.class)
                .single();
    }

    long auditHead() {
        return count("SELECT seq FROM audit_chain_head");
    }

    @Override
    public void close() {
        app.close();
    }
}
