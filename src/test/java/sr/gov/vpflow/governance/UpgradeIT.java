package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/**
 * A database of the previous version (v1.0 and the v1.1-A plan, per-request office roles, Spring
 * Session's tables, passwords hashed by the application) is brought to verified identity in place
 * when the new version starts: its v1.0 migration applies after the plan's, the plan's tables get
 * their new rights, the login leaves the office roles, and every password still signs in.
 */
class UpgradeIT {

    @Test
    void aDatabaseOfThePreviousVersionIsUpgradedInPlaceAndItsPasswordsStillWork() throws IOException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String database = "upgrade_" + tag;
        String ownerRole = "up_owner_" + tag;
        String appRole = "up_app_" + tag;
        String password = "Up-" + UUID.randomUUID();
        try (ConfigurableApplicationContext cluster =
                StandaloneApplication.start(IntegrationTest.newDataDir("upgrade-cluster"), false)) {
            OwnerDatabase superuser = cluster.getBean(OwnerDatabase.class);
            JdbcClient admin = JdbcClient.create(superuser.dataSource());
            admin.sql("CREATE ROLE " + ownerRole + " LOGIN SUPERUSER PASSWORD '" + password + "'")
                    .update();
            admin.sql("CREATE DATABASE " + database + " OWNER " + ownerRole).update();
            String url = superuser.jdbcUrl().replaceAll("/[^/]+$", "/" + database);
            JdbcClient owner =
                    JdbcClient.create(new DriverManagerDataSource(url + "?currentSchema=vpflow", ownerRole, password));

            previousVersion(url, ownerRole, password);
            owner.sql("CREATE ROLE " + appRole + " LOGIN NOINHERIT PASSWORD 'App-" + password + "'")
                    .update();
            owner.sql("GRANT vpflow_vp, vpflow_secretary, vpflow_admin, vpflow_login TO " + appRole)
                    .update();
            owner.sql("GRANT USAGE ON SCHEMA vpflow TO " + appRole).update();
            owner.sql("CREATE POLICY spring_session_app ON spring_session TO " + appRole + " USING (true)")
                    .update();
            String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("Van-de-vorige-versie-1");
            UUID vp = owner.sql("INSERT INTO users (username, display_name, role, password_hash)"
                            + " VALUES ('oude-vp', 'De Vicepresident', 'vp', :h) RETURNING id")
                    .param("h", hash)
                    .query(UUID.class)
                    .single();
            owner.sql("INSERT INTO documents (title, file_path, file_type, file_size, owner_role, created_by)"
                            + " VALUES ('Oud advies', 'sha256/00/11', 'text/plain', 1, 'vp', :vp)")
                    .param("vp", vp)
                    .update();

            try (ConfigurableApplicationContext app = StandaloneApplication.start(
                    IntegrationTest.newDataDir("upgraded"),
                    true,
                    "vpflow.db.url=" + url,
                    "vpflow.db.user=" + ownerRole,
                    "vpflow.db.password=" + password,
                    "vpflow.db.app-user=" + appRole,
                    "vpflow.db.app-password=App-" + password,
                    // the plan v1.2 waits for the operator; the server runs the database as it is until then
                    "vpflow.schema-target=v1.0")) {
                List<String> order = owner.sql("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                                + " ORDER BY installed_rank")
                        .query(String.class)
                        .list();
                assertThat(owner.sql("SELECT to_regclass('vpflow.holidays') IS NULL")
                                .query(Boolean.class)
                                .single())
                        .as("the plan v1.2 is left to the operator")
                        .isTrue();
                assertThat(order.subList(order.indexOf("1.1.20") + 1, order.size()))
                        .as("applied after the plan")
                        .containsExactlyElementsOf(laterV10());
                assertThat(owner.sql("SELECT count(*) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                                        + " JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = :app"
                                        + " AND g.rolname <> 'vpflow_user'")
                                .param("app", appRole)
                                .query(Long.class)
                                .single())
                        .as("office roles the login is still a member of")
                        .isZero();
                assertThat(owner.sql("SELECT to_regclass('vpflow.spring_session') IS NULL")
                                .query(Boolean.class)
                                .single())
                        .isTrue();
                assertThat(owner.sql("SELECT count(*) FROM pg_policies WHERE schemaname = 'vpflow'"
                                        + " AND NOT 'vpflow_user' = ANY (roles) AND NOT :owner = ANY (roles)")
                                .param("owner", ownerRole)
                                .query(Long.class)
                                .single())
                        .as("policies still of the office roles")
                        .isZero();

                Api api = new Api("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
                Api.Response me = api.basic("/api/v1/me", "oude-vp", "Van-de-vorige-versie-1");
                assertThat(me.status()).as(me.toString()).isEqualTo(200);
                assertThat(api.basic("/api/v1/documents", "oude-vp", "Van-de-vorige-versie-1")
                                .body())
                        .contains("Oud advies");

                ValidationReport report = app.getBean(Checklist.class).validate(Progress.none());
                assertThat(report.passed()).as(report.toString()).isTrue();
            }
        }
    }

    /** The v1.0-series migrations the previous version did not have (V1_0_60 and later), in order. */
    private static List<String> laterV10() throws IOException {
        List<Integer> numbers = new java.util.ArrayList<>();
        for (Resource script :
                new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V1_0_*.sql")) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("V1_0_([6-8][0-9])__.*").matcher(script.getFilename());
            if (m.matches()) {
                numbers.add(Integer.parseInt(m.group(1)));
            }
        }
        return numbers.stream().sorted().map(n -> "1.0." + n).toList();
    }

    /** The schema as the previous version left it: every migration of this build but V1_0_60 and later and the plan v1.2. */
    private static void previousVersion(String url, String user, String password) throws IOException {
        Path scripts = Files.createTempDirectory("vpflow-previous");
        Resource[] all = new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*.sql");
        for (Resource script : all) {
            String name = script.getFilename();
            // the previous version had v1.0 up to 1.0.50 and the plan v1.1-A, not the later plans v1.2 and v1.3
            if (name == null
                    || name.matches("V1_0_[6-8][0-9]__.*")
                    || name.startsWith("V1_2_")
                    || name.startsWith("V1_3_")) {
                continue;
            }
            try (InputStream in = script.getInputStream()) {
                Files.copy(in, scripts.resolve(name));
            }
        }
        Flyway.configure()
                .dataSource(url, user, password)
                .schemas("vpflow")
                .locations("filesystem:" + scripts)
                .load()
                .migrate();
    }
}
