package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;

/**
 * Refusals and failures leave the v1.0 database as it was: a missing approval refuses before
 * anything changes, and a failure at each of the seven steps in turn is rolled back logically,
 * says which step failed, and loses nothing. All on one database, which must therefore come out
 * of each failure fit for the next run; at the end the plan still applies cleanly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationFailureIT {

    private static V10Database db;

    @BeforeAll
    static void start() {
        db = V10Database.start("migration-failures", 12, false);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static MigrationReport run(MigrationRequest request, StepHook hook) {
        return db.bean(MigrationRunner.class).run(request, Progress.none(), hook);
    }

    private static List<String> restorePoints() {
        return db.bean(RestorePoints.class).list().stream()
                .map(RestorePoint::name)
                .toList();
    }

    @Test
    @Order(1)
    void aMissingOrInvalidApprovalRefusesBeforeAnythingChanges() {
        DatabaseSnapshot before = DatabaseSnapshot.of(db.owner);
        List<String> points = restorePoints();

        MigrationReport noRls =
                run(MigrationRequest.byOperator(MigrationPlans.V1_1_A, MigrationIT.PLAN, null, false), StepHook.NONE);
        assertThat(noRls.outcome()).isEqualTo(MigrationReport.Outcome.REFUSED);
        assertThat(noRls.failedStep()).isEqualTo(1);
        assertThat(noRls.failure()).contains("no approval of the RLS matrix");
        assertThat(noRls.steps())
                .singleElement()
                .satisfies(s -> assertThat(s.number()).isEqualTo(1));

        MigrationReport none =
                run(MigrationRequest.byOperator(MigrationPlans.V1_1_A, null, null, false), StepHook.NONE);
        assertThat(none.failure())
                .contains("no approval of the migration plan v1.1-A")
                .contains("no approval of the RLS matrix");

        Approval future = new Approval(
                "R. Pahalwankhan", "VP-BESLUIT-2099-001", LocalDate.now().plusDays(30));
        MigrationReport early =
                run(MigrationRequest.byOperator(MigrationPlans.V1_1_A, future, MigrationIT.RLS, false), StepHook.NONE);
        assertThat(early.outcome()).isEqualTo(MigrationReport.Outcome.REFUSED);
        assertThat(early.failure()).contains("lies in the future");

        Approval anonymous = new Approval("", "VP-BESLUIT-2026-014", LocalDate.of(2026, 3, 2));
        assertThat(run(
                                MigrationRequest.byOperator(MigrationPlans.V1_1_A, anonymous, MigrationIT.RLS, false),
                                StepHook.NONE)
                        .failure())
                .contains("the approver must be named");

        MigrationReport dryRun = run(
                MigrationRequest.byOperator(MigrationPlans.V1_1_A, MigrationIT.PLAN, MigrationIT.RLS, true),
                StepHook.NONE);
        assertThat(dryRun.outcome()).isEqualTo(MigrationReport.Outcome.DRY_RUN);
        assertThat(dryRun.steps()).hasSize(7);
        assertThat(dryRun.steps().get(2).items()).singleElement().asString().contains("V1_1_1__documents_table.sql");
        assertThat(dryRun.text()).contains("would run");

        assertThat(DatabaseSnapshot.of(db.owner)).isEqualTo(before);
        assertThat(restorePoints()).isEqualTo(points);
        assertThat(db.bean(MigrationRunner.class).pending(MigrationPlans.V1_1_A))
                .hasSize(7);
        // the refusal is reported for the operator, in the reports folder
        assertThat(noRls.reportFiles()).hasSize(2);
        assertThat(Path.of(noRls.reportFiles().get(0))).exists();
    }

    @Test
    @Order(2)
    void aFailureAtEachOfTheSevenStepsLeavesTheDatabaseValidUnderV10WithNothingLost() throws Exception {
        for (int failing = 1; failing <= 7; failing++) {
            int step = failing;
            // the office has been working between the attempts
            db.data.addGuestWithAppointmentAndCase(1000 + step);
            DatabaseSnapshot before = DatabaseSnapshot.of(db.owner);
            long head = db.auditHead();

            MigrationReport report = run(MigrationIT.approved(), s -> {
                if (s == step) {
                    throw new IllegalStateException("injected failure at step " + step);
                }
            });

            assertThat(report.failedStep()).as(report.text()).isEqualTo(step);
            assertThat(report.failure()).contains("injected failure at step " + step);
            assertThat(report.text()).contains("step " + step + " failed");
            assertThat(report.steps())
                    .filteredOn(s -> s.number() == step)
                    .singleElement()
                    .satisfies(s -> assertThat(s.result()).isEqualTo(MigrationReport.Result.FAILED));
            if (step == 1) {
                assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.FAILED);
                assertThat(report.rollback()).isNull();
                assertThat(db.auditHead()).isEqualTo(head);
            } else {
                assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.ROLLED_BACK);
                assertThat(report.rollback().validUnderBase()).as(report.text()).isTrue();
                assertThat(Files.readString(Path.of(report.reportFiles().get(0))))
                        .contains("step " + step + " failed")
                        .contains("logical rollback");
                String recorded = db.owner
                        .sql("SELECT details->>'outcome' || ' ' || (details->>'failed_step')"
                                + " FROM audit_logs WHERE event_type = 'migration_run' ORDER BY seq DESC LIMIT 1")
                        .query(String.class)
                        .single();
                assertThat(recorded).isEqualTo("rolled_back " + step);
            }

            // valid under v1.0: no new table, no governed migration in the history, v1.0 behaviour
            assertThat(db.tableExists("documents")).as("step %d", step).isFalse();
            assertThat(db.tableExists("document_links")).isFalse();
            assertThat(db.bean(MigrationRunner.class).pending(MigrationPlans.V1_1_A))
                    .hasSize(7);
            assertThat(db.bean(SchemaFeatures.class).isV11aPresent()).isFalse();
            assertThat(db.owner
                            .sql("SELECT valid FROM audit_verify()")
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            // nothing lost: every table holds exactly its rows, plus only what the rules keep
            DatabaseSnapshot after = DatabaseSnapshot.of(db.owner);
            for (Map.Entry<String, List<String>> table : before.tables().entrySet()) {
                switch (table.getKey()) {
                    case "audit_logs", "audit_event_types", "case_state_transitions" ->
                        assertThat(after.rows(table.getKey())).containsAll(table.getValue());
                    case "audit_chain_head" -> {}
                    default ->
                        assertThat(after.rows(table.getKey()))
                                .as("%s after a failure at step %d", table.getKey(), step)
                                .isEqualTo(table.getValue());
                }
            }
            assertThat(db.owner
                            .sql("SELECT event_type FROM audit_logs WHERE seq > :h ORDER BY seq")
                            .param("h", head)
                            .query(String.class)
                            .list())
                    .allSatisfy(type -> assertThat(type).isIn("restore_point_created", "migration_run"));
            // the office goes on working under v1.0
            OfficeData d = db.data;
            Long cases = d.as(
                    d.secretary,
                    Role.SECRETARY,
                    j -> j.sql("SELECT count(*) FROM cases").query(Long.class).single());
            assertThat(cases).isPositive();
        }
        // the enum value and the rows the rollback keeps by rule
        assertThat(db.owner
                        .sql("SELECT enum_range(NULL::case_state)::text")
                        .query(String.class)
                        .single())
                .isEqualTo("{open,in_progress,closed,reopened}");
        assertThat(db.count("SELECT count(*) FROM audit_event_types WHERE introduced_in = '1.1-A'"))
                .isEqualTo(8);
    }

    @Test
    @Order(3)
    void afterEveryFailureThePlanStillAppliesCleanly() {
        MigrationReport report = run(MigrationIT.approved(), StepHook.NONE);
        assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);
        assertThat(db.bean(SchemaFeatures.class).isV11aPresent()).isTrue();
        assertThat(db.count("SELECT count(*) FROM audit_event_types WHERE introduced_in = '1.1-A'"))
                .isEqualTo(8);
        assertThat(db.count("SELECT count(*) FROM case_state_transitions WHERE 'reopened' IN (from_state, to_state)"))
                .isEqualTo(2);
    }
}
