package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.support.SchemaVersions;
import sr.gov.vpflow.users.UserService;
import sr.gov.vpflow.users.UserView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The v1.1-A plan on a v1.0 database full of the office's records: migrated in the mandatory
 * order, every v1.0 record still there and read the same by the same queries, a second run changes
 * nothing, and the pre-migration restore point gives the v1.0 database back exactly.
 */
class MigrationIT {

    static final Approval PLAN = new Approval("R. Pahalwankhan", "VP-BESLUIT-2026-014", LocalDate.of(2026, 3, 2));
    static final Approval RLS = new Approval("R. Pahalwankhan", "DOC9-2026-003", LocalDate.of(2026, 3, 2));

    private static V10Database db;

    @BeforeAll
    static void start() {
        db = V10Database.start("migration", 30, false);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    static MigrationRequest approved() {
        return approved(MigrationPlans.V1_1_A);
    }

    static MigrationRequest approved(MigrationPlan plan) {
        return MigrationRequest.byOperator(plan, PLAN, RLS, false);
    }

    /** What the office reads through the application's own services and roles. */
    private static Map<String, List<String>> readAsTheOffice() {
        UserService users = db.bean(UserService.class);
        List<String> accounts =
                db.bean(Operators.class).callAs(Role.ADMIN, "cli", () -> users.list(null, 200)).items().stream()
                        .map(UserView::toString)
                        .toList();
        OfficeData d = db.data;
        List<String> guests = d.as(
                d.secretary,
                Role.SECRETARY,
                j -> j.sql("SELECT id || ' ' || full_name || ' ' || coalesce(email, '') FROM guests ORDER BY id")
                        .query(String.class)
                        .list());
        List<String> cases = d.as(
                d.vp,
                Role.VP,
                j -> j.sql(
                                "SELECT reference || ' ' || state || ' ' || title || ' ' || version FROM cases ORDER BY reference")
                        .query(String.class)
                        .list());
        List<String> trail = d.as(
                d.secretary,
                Role.SECRETARY,
                j -> j.sql("SELECT seq || ' ' || event_type || ' ' || entity_type FROM audit_logs"
                                + " WHERE entity_type IN ('guest', 'appointment', 'case') ORDER BY seq")
                        .query(String.class)
                        .list());
        return Map.of("accounts", accounts, "guests", guests, "cases", cases, "audit trail", trail);
    }

    @Test
    void aV10DatabaseIsMigratedAndEveryRecordStaysReadableThenASecondRunChangesNothing() throws Exception {
        SchemaFeatures features = db.bean(SchemaFeatures.class);
        assertThat(features.isV11aPresent()).isFalse();
        assertThat(db.bean(MigrationRunner.class).pending(MigrationPlans.V1_1_A))
                .containsExactly("1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.20");
        DatabaseSnapshot before = DatabaseSnapshot.of(db.owner);
        Map<String, List<String>> readBefore = readAsTheOffice();
        long head = db.auditHead();

        MigrationReport report = db.bean(MigrationRunner.class).run(approved(), Progress.none());

        assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);
        assertThat(report.steps())
                .extracting(MigrationReport.StepReport::number)
                .containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(report.steps()).allSatisfy(s -> assertThat(s.result()).isEqualTo(MigrationReport.Result.OK));
        assertThat(report.steps().get(2).items()).singleElement().asString().startsWith("1.1.1 ");
        assertThat(report.steps().get(3).items()).singleElement().asString().startsWith("1.1.2 ");
        assertThat(report.steps().get(4).items()).hasSize(5);
        assertThat(report.validation().passed()).isTrue();
        assertThat(report.validation().items())
                .extracting(ValidationReport.Item::checklist)
                .contains(
                        ValidationReport.QUERIES,
                        ValidationReport.RLS,
                        ValidationReport.FOREIGN_KEYS,
                        ValidationReport.AUDIT);
        assertThat(report.schemaVersionBefore()).isEqualTo(SchemaVersions.newestV10());
        assertThat(report.schemaVersionAfter()).isEqualTo("1.1.20");
        assertThat(features.isV11aPresent()).isTrue();
        assertThat(features.isDocuments()).isTrue();
        assertThat(features.isReopening()).isTrue();

        // every v1.0 record still there, read the same by the same queries
        assertThat(readAsTheOffice()).isEqualTo(readBefore);
        DatabaseSnapshot after = DatabaseSnapshot.of(db.owner);
        for (String table : before.tables().keySet()) {
            switch (table) {
                case "audit_logs" -> {
                    assertThat(after.rows(table)).containsAll(before.rows(table));
                    assertThat(db.owner
                                    .sql("SELECT event_type FROM audit_logs WHERE seq > :h ORDER BY seq")
                                    .param("h", head)
                                    .query(String.class)
                                    .list())
                            .containsExactly("restore_point_created", "restore_point_created", "migration_run");
                }
                // counters of sign-ins, not records: every sign-in of the checks changes them
                case "audit_chain_head", "sign_in_sources" -> {}
                case "audit_event_types", "case_state_transitions", "flyway_schema_history" ->
                    assertThat(after.rows(table)).as(table).containsAll(before.rows(table));
                default -> assertThat(after.rows(table)).as(table).isEqualTo(before.rows(table));
            }
        }
        assertThat(after.rows("audit_event_types"))
                .hasSize(before.rows("audit_event_types").size() + 8);
        assertThat(after.rows("case_state_transitions"))
                .hasSize(before.rows("case_state_transitions").size() + 2);
        assertThat(after.rows("documents")).isEmpty();
        assertThat(after.rows("document_links")).isEmpty();

        // the report, for people and machines, and the audit event
        assertThat(report.reportFiles()).hasSize(2);
        Path text = Path.of(report.reportFiles().get(0));
        Path json = Path.of(report.reportFiles().get(1));
        assertThat(text).startsWith(db.dataDir.resolve("reports"));
        assertThat(Files.readString(text)).contains("outcome: migrated").contains("7. make the restore point");
        JsonNode parsed = JsonMapper.builder().build().readTree(Files.readString(json));
        assertThat(parsed.get("outcome").asString()).isEqualTo("MIGRATED");
        assertThat(parsed.get("steps")).hasSize(7);
        assertThat(parsed.get("steps").get(0).get("duration_ms").isNumber()).isTrue();
        JsonNode run = JsonMapper.builder()
                .build()
                .readTree(db.owner
                        .sql(
                                "SELECT details::text FROM audit_logs WHERE event_type = 'migration_run' ORDER BY seq DESC LIMIT 1")
                        .query(String.class)
                        .single());
        assertThat(run.get("outcome").asString()).isEqualTo("migrated");
        assertThat(run.get("plan_approval").asString()).contains("VP-BESLUIT-2026-014");
        assertThat(run.get("rls_matrix_approval").asString()).contains("DOC9-2026-003");
        // the report names the signed checkpoint written with the run's own audit event
        long runSeq = db.owner
                .sql("SELECT max(seq) FROM audit_logs WHERE event_type = 'migration_run'")
                .query(Long.class)
                .single();
        assertThat(parsed.get("audit_checkpoint").get("seq").asLong()).isEqualTo(runSeq);
        assertThat(parsed.get("audit_checkpoint").get("hash").asString())
                .isEqualTo(db.owner
                        .sql("SELECT encode(hash, 'hex') FROM audit_logs WHERE seq = :seq")
                        .param("seq", runSeq)
                        .query(String.class)
                        .single());
        assertThat(Files.readString(text)).contains("audit checkpoint: event " + runSeq + ", hash ");

        // both restore points exist and verify
        assertThat(report.restorePoints()).hasSize(2);
        assertThat(report.restorePoints().get(0)).startsWith("v1.1-A-pre-migration-");
        assertThat(report.restorePoints().get(1)).startsWith("v1.1-A-post-schema-");
        RestorePoints points = db.bean(RestorePoints.class);
        for (String name : report.restorePoints()) {
            assertThat(points.verify(name, Progress.none()).ok()).as(name).isTrue();
        }
        assertThat(points.list().stream()
                        .filter(p -> p.name().equals(report.restorePoints().get(0))))
                .singleElement()
                .satisfies(p -> assertThat(p.schemaVersion()).isEqualTo(SchemaVersions.newestV10()));

        // a second run changes nothing and says so
        DatabaseSnapshot migrated = DatabaseSnapshot.of(db.owner);
        int pointsBefore = points.list().size();
        MigrationReport again = db.bean(MigrationRunner.class).run(approved(), Progress.none());
        assertThat(again.outcome()).isEqualTo(MigrationReport.Outcome.ALREADY_APPLIED);
        assertThat(again.summary()).contains("already at v1.1-A");
        assertThat(DatabaseSnapshot.of(db.owner)).isEqualTo(migrated);
        assertThat(points.list()).hasSize(pointsBefore);
        // and so does a run without approvals: there is nothing left to approve
        assertThat(db.bean(MigrationRunner.class)
                        .run(MigrationRequest.byOperator(MigrationPlans.V1_1_A, null, null, false), Progress.none())
                        .outcome())
                .isEqualTo(MigrationReport.Outcome.ALREADY_APPLIED);

        restoringThePreMigrationPointGivesBackTheV10DatabaseExactly(
                before, report.restorePoints().get(0), head);
    }

    /** Part of the test above: it needs the migrated database and its pre-migration restore point. */
    private void restoringThePreMigrationPointGivesBackTheV10DatabaseExactly(
            DatabaseSnapshot v10, String preMigration, long v10Head) {
        // v1.1-A is in use before the restore: a document exists
        OfficeData d = db.data;
        d.as(
                d.secretary,
                Role.SECRETARY,
                j -> j.sql("INSERT INTO documents (title, file_path, file_type, file_size,"
                                + " owner_role) VALUES ('Nota', 'sha256/ab/cd', 'application/pdf', 10, 'secretary')")
                        .update());
        long headBefore = db.auditHead();

        RestoreResult result = db.bean(RestorePoints.class).restore(preMigration, "cli", Progress.none());

        assertThat(result.schemaVersion()).isEqualTo(SchemaVersions.newestV10());
        assertThat(db.bean(SchemaFeatures.class).isV11aPresent()).isFalse();
        assertThat(db.tableExists("documents")).isFalse();
        assertThat(db.tableExists("document_links")).isFalse();
        assertThat(db.owner
                        .sql("SELECT enum_range(NULL::case_state)::text")
                        .query(String.class)
                        .single())
                .isEqualTo("{open,in_progress,closed}");
        assertThat(db.bean(MigrationRunner.class).pending(MigrationPlans.V1_1_A))
                .hasSize(7);
        DatabaseSnapshot restored = DatabaseSnapshot.of(db.owner);
        assertThat(restored.tables().keySet()).isEqualTo(v10.tables().keySet());
        for (String table : v10.tables().keySet()) {
            switch (table) {
                case "audit_logs" -> {
                    assertThat(db.owner
                                    .sql("SELECT t::text FROM audit_logs t WHERE seq <= :h ORDER BY 1")
                                    .param("h", v10Head)
                                    .query(String.class)
                                    .list())
                            .isEqualTo(v10.rows(table));
                    assertThat(db.owner
                                    .sql("SELECT event_type FROM audit_logs WHERE seq > :h ORDER BY seq")
                                    .param("h", v10Head)
                                    .query(String.class)
                                    .list())
                            .containsExactly("restore_point_created", "restore_point_restored");
                }
                case "audit_chain_head" -> {}
                case "access_tokens", "sign_in_sources" ->
                    assertThat(restored.rows(table)).isEmpty();
                default -> assertThat(restored.rows(table)).as(table).isEqualTo(v10.rows(table));
            }
        }
        assertThat(db.owner
                        .sql("SELECT valid FROM audit_verify()")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(headBefore).isGreaterThan(v10Head);
        // the replaced v1.1-A state, with its document, is kept
        RestorePointCheck safety = db.bean(RestorePoints.class).verify(result.safetyRestorePoint(), Progress.none());
        assertThat(safety.ok()).isTrue();
        assertThat(db.bean(RestorePoints.class).list().stream()
                        .filter(p -> p.name().equals(result.safetyRestorePoint()))
                        .map(RestorePoint::schemaVersion)
                        .collect(Collectors.toList()))
                .containsExactly("1.1.20");
        // the application goes on under v1.0
        assertThat(db.bean(Operators.class)
                        .callAs(
                                Role.ADMIN,
                                "cli",
                                () -> db.bean(UserService.class).list(null, Page.MAX_LIMIT))
                        .items())
                .isNotEmpty();
    }
}
