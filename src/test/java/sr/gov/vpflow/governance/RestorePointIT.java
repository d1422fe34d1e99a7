package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/** Restore points are complete copies: verified file by file, and a restore gives back every table exactly. */
class RestorePointIT {

    private static ConfigurableApplicationContext app;
    private static JdbcClient owner;
    private static RestorePoints restorePoints;
    private static OfficeData data;

    @BeforeAll
    static void start() {
        // a fresh database: v1.1-A, so that restores also bring back documents and re-opened cases
        app = StandaloneApplication.start(IntegrationTest.preparedDataDir("restore-points"), false);
        owner = JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
        restorePoints = app.getBean(RestorePoints.class);
        data = OfficeData.fill(app, 12);
        java.util.UUID closed = data.cases.get(2);
        data.as(
                data.vp,
                Role.VP,
                j -> j.sql("UPDATE cases SET state = 'reopened', resolution = NULL, closed_at = NULL, closed_by = NULL"
                                + " WHERE id = :id")
                        .param("id", closed)
                        .update());
        data.as(data.secretary, Role.SECRETARY, j -> {
            java.util.UUID document = j.sql("INSERT INTO documents (title, file_path, file_type, file_size, owner_role)"
                            + " VALUES ('Verslag', 'sha256/aa/bb', 'application/pdf', 2048, 'secretary') RETURNING id")
                    .query(java.util.UUID.class)
                    .single();
            return j.sql("INSERT INTO document_links (document_id, entity_type, entity_id) VALUES (:d, 'case', :c)")
                    .param("d", document)
                    .param("c", closed)
                    .update();
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aRestorePointIsVerifiedAndListed() throws Exception {
        // a signed-in session exists while the copy is made: no token's hash goes into it
        assertThat(app.getBean(sr.gov.vpflow.platform.db.Identities.class)
                        .signIn(
                                data.vp.username(),
                                "Lang-genoeg-wachtwoord-1",
                                sr.gov.vpflow.platform.TokenKind.SESSION,
                                "web"))
                .isPresent();
        assertThat(owner.sql("SELECT count(*) FROM access_tokens")
                        .query(Long.class)
                        .single())
                .isPositive();
        RestorePoint point = restorePoints.create("verified-copy", "test", "cli", Progress.none());
        assertThat(Files.size(point.folder().resolve("data").resolve("access_tokens.copy")))
                .as("the copy of access_tokens holds no row")
                .isLessThan(30);
        assertThat(point.rows()).isPositive();
        assertThat(point.folder().resolve("manifest.json")).exists();
        assertThat(point.folder().resolve("manifest.sha256")).exists();
        // it holds every record, password hashes included
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(point.folder())))
                .isEqualTo("rwx------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(point.folder().getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.walk(point.folder())) {
            for (java.nio.file.Path file : files.toList()) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as("%s is its owner's only", point.folder().relativize(file))
                        .isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------");
            }
        }
        assertThat(restorePoints.list()).extracting(RestorePoint::name).contains("verified-copy");

        RestorePointCheck check = restorePoints.verify("verified-copy", Progress.none());
        assertThat(check.problems()).isEmpty();
        assertThat(check.ok()).isTrue();
        assertThat(check.rowsRead()).isEqualTo(point.rows());

        assertThat(owner.sql("""
                        SELECT count(*) FROM audit_logs WHERE event_type = 'restore_point_created'
                          AND details->>'restore_point' = 'verified-copy'""").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRestorePointOfManyMegabytesVerifiesByReadingEveryByte() {
        owner.sql("INSERT INTO guests (full_name, notes) SELECT 'Grote gast ' || g, repeat(md5(g::text), 120)"
                        + " FROM generate_series(1, 4000) g")
                .update();
        RestorePoint point = restorePoints.create("large", "test", "cli", Progress.none());
        assertThat(point.bytes()).isGreaterThan(10_000_000);
        RestorePointCheck check = restorePoints.verify("large", Progress.none());
        assertThat(check.problems()).isEmpty();
        assertThat(check.rowsRead()).isEqualTo(point.rows());
    }

    @Test
    void verifyFindsAChangedFileATruncatedFileAndAChangedManifest() throws Exception {
        RestorePoint point = restorePoints.create("damaged", "test", "cli", Progress.none());
        Path guests = point.folder().resolve("data/guests.copy");
        byte[] bytes = Files.readAllBytes(guests);
        int name = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("Gast 3");
        bytes[name] = 'H'; // the same length: the file still reads to its end, only its content differs
        Files.write(guests, bytes);
        Path cases = point.folder().resolve("data/cases.copy");
        byte[] caseBytes = Files.readAllBytes(cases);
        Files.write(cases, java.util.Arrays.copyOf(caseBytes, caseBytes.length - 40));

        RestorePointCheck check = restorePoints.verify("damaged", Progress.none());
        assertThat(check.intact()).isFalse();
        assertThat(check.problems())
                .anySatisfy(p -> assertThat(p).contains("data/guests.copy").contains("SHA-256"))
                .anySatisfy(p -> assertThat(p).contains("data/cases.copy"));
        assertThatThrownBy(() -> restorePoints.restore("damaged", "cli", Progress.none()))
                .isInstanceOf(RestorePointException.class)
                .hasMessageContaining("cannot be restored");

        Files.writeString(point.folder().resolve("manifest.json"), "{}");
        assertThat(restorePoints.verify("damaged", Progress.none()).problems())
                .singleElement()
                .asString()
                .contains("manifest");
    }

    @Test
    void restoreGivesBackEveryTableExactly() {
        DatabaseSnapshot before = DatabaseSnapshot.of(owner);
        long headSeq =
                owner.sql("SELECT seq FROM audit_chain_head").query(Long.class).single();
        // the restore point holds the state before its own audit event, which the restore's safety point keeps
        RestorePoint point = restorePoints.create("before-changes", "test", "cli", Progress.none());

        // the office goes on working after the restore point
        data.addGuestWithAppointmentAndCase(100);
        data.as(
                data.secretary,
                Role.SECRETARY,
                j -> j.sql("UPDATE guests SET notes = 'changed' WHERE id = :id")
                        .param("id", data.guests.get(0))
                        .update());
        assertThat(DatabaseSnapshot.of(owner)).isNotEqualTo(before);

        RestoreResult result = restorePoints.restore("before-changes", "cli", Progress.none());
        assertThat(owner.sql("SELECT count(*) FROM cases WHERE state = 'reopened'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(owner.sql("SELECT count(*) FROM document_links")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(result.safetyRestorePoint()).startsWith("before-restore-");
        assertThat(restorePoints
                        .verify(result.safetyRestorePoint(), Progress.none())
                        .ok())
                .isTrue();

        DatabaseSnapshot after = DatabaseSnapshot.of(owner);
        for (String table : before.tables().keySet()) {
            switch (table) {
                case "audit_logs" -> {
                    // the restore's own events follow the restored chain
                    List<String> restored = owner.sql("SELECT t::text FROM audit_logs t WHERE seq <= :s ORDER BY 1")
                            .param("s", headSeq)
                            .query(String.class)
                            .list();
                    assertThat(restored).as(table).isEqualTo(before.rows(table));
                    assertThat(owner.sql("SELECT event_type FROM audit_logs WHERE seq > :s ORDER BY seq")
                                    .param("s", headSeq)
                                    .query(String.class)
                                    .list())
                            .containsExactly("restore_point_created", "restore_point_restored");
                }
                case "audit_chain_head" -> {}
                case "access_tokens", "sign_in_sources" ->
                    assertThat(after.rows(table)).as(table).isEmpty();
                default -> assertThat(after.rows(table)).as(table).isEqualTo(before.rows(table));
            }
        }
        assertThat(after.tables().keySet()).isEqualTo(before.tables().keySet());
        assertThat(owner.sql("SELECT valid FROM audit_verify()")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(point.name()).isEqualTo("before-changes");
    }

    @Test
    void restoreIsRefusedWhileAnotherProcessUsesTheDatabase() throws Exception {
        restorePoints.create("in-use", "test", "cli", Progress.none());
        OwnerDatabase database = app.getBean(OwnerDatabase.class);
        Properties props = new Properties();
        props.setProperty("user", database.user());
        props.setProperty(
                "password",
                Files.readString(Path.of(app.getEnvironment().getProperty("vpflow.data-dir"))
                                .resolve("secrets/postgres-superuser-password"))
                        .strip());
        props.setProperty("ApplicationName", "vpflow-server-1");
        try (Connection server = DriverManager.getConnection(database.jdbcUrl(), props)) {
            assertThatThrownBy(() -> restorePoints.restore("in-use", "cli", Progress.none()))
                    .isInstanceOf(RestorePointException.class)
                    .hasMessageContaining("in use")
                    .hasMessageContaining("vpflow-server-1");
        }
    }
}
