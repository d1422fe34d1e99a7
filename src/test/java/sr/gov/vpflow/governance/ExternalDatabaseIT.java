package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/**
 * On an external PostgreSQL the owner is no superuser: it owns its database and may create roles,
 * nothing more. The fresh install's plan, restore points, a restore and the validation work with
 * those rights alone (row-level security is forced for the owner too).
 */
class ExternalDatabaseIT {

    @Test
    void aNonSuperuserOwnerGetsV11aRestorePointsAndAnExactRestore() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String ownerRole = "ext_owner_" + tag;
        String database = "ext_" + tag;
        String password = "Ext-" + UUID.randomUUID();
        try (ConfigurableApplicationContext cluster =
                StandaloneApplication.start(IntegrationTest.newDataDir("external-cluster"), false)) {
            OwnerDatabase superuser = cluster.getBean(OwnerDatabase.class);
            JdbcClient admin = JdbcClient.create(superuser.dataSource());
            admin.sql("CREATE ROLE " + ownerRole + " LOGIN CREATEROLE NOSUPERUSER PASSWORD '" + password + "'")
                    .update();
            admin.sql("CREATE DATABASE " + database + " OWNER " + ownerRole).update();
            // the application's group role exists in this cluster already (made by the other
            // database's superuser); a database administrator lets the new owner grant it
            admin.sql("GRANT vpflow_user TO " + ownerRole + " WITH ADMIN OPTION")
                    .update();
            String url = superuser.jdbcUrl().replaceAll("/[^/]+$", "/" + database);

            try (ConfigurableApplicationContext app = StandaloneApplication.start(
                    IntegrationTest.newDataDir("external"),
                    false,
                    "vpflow.db.url=" + url,
                    "vpflow.db.user=" + ownerRole,
                    "vpflow.db.password=" + password,
                    "vpflow.db.app-user=ext_app_" + tag,
                    "vpflow.db.app-password=App-" + password)) {
                JdbcClient owner =
                        JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
                assertThat(owner.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                                .query(Boolean.class)
                                .single())
                        .isFalse();
                assertThat(app.getBean(SchemaFeatures.class).isV11aPresent()).isTrue();
                RestorePoints points = app.getBean(RestorePoints.class);
                assertThat(points.list()).hasSize(6); // before and after each of v1.1-A, v1.2 and v1.3

                OfficeData data = OfficeData.fill(app, 6);
                data.as(
                        data.vp,
                        Role.VP,
                        j -> j.sql(
                                        "UPDATE cases SET state = 'reopened', resolution = NULL, closed_at = NULL, closed_by = NULL"
                                                + " WHERE id = :id")
                                .param("id", data.cases.get(2))
                                .update());
                DatabaseSnapshot before = DatabaseSnapshot.of(owner);
                long head = owner.sql("SELECT seq FROM audit_chain_head")
                        .query(Long.class)
                        .single();
                points.create("external", "test", "cli", Progress.none());
                assertThat(points.verify("external", Progress.none()).ok()).isTrue();

                data.addGuestWithAppointmentAndCase(50);
                points.restore("external", "cli", Progress.none());

                DatabaseSnapshot after = DatabaseSnapshot.of(owner);
                for (String table : before.tables().keySet()) {
                    switch (table) {
                        case "audit_logs" ->
                            assertThat(owner.sql("SELECT t::text FROM audit_logs t WHERE seq <= :h ORDER BY 1")
                                            .param("h", head)
                                            .query(String.class)
                                            .list())
                                    .isEqualTo(before.rows(table));
                        case "audit_chain_head" -> {}
                        case "access_tokens", "sign_in_sources" ->
                            assertThat(after.rows(table)).isEmpty();
                        default -> assertThat(after.rows(table)).as(table).isEqualTo(before.rows(table));
                    }
                }
                ValidationReport report = app.getBean(Checklist.class).validate(Progress.none());
                assertThat(report.passed()).as(report.toString()).isTrue();
            }
        }
    }
}
