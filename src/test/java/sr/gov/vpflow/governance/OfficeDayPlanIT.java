package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * The plan v1.2 on an office's database that runs v1.1-A: a failure after its migrations is rolled
 * back logically (the holidays the plan entered itself do not keep its tables), the plan then
 * applies cleanly, and once the office uses what it added a rollback keeps it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OfficeDayPlanIT {

    private static V10Database db;

    @BeforeAll
    static void start() {
        db = V10Database.start("office-day-plan", 6, false);
        MigrationReport v11a = db.bean(MigrationRunner.class).run(MigrationIT.approved(), Progress.none());
        assertThat(v11a.outcome()).as(v11a.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static boolean decisionColumn() {
        return db.owner
                .sql("SELECT EXISTS (SELECT FROM information_schema.columns WHERE table_schema = 'vpflow'"
                        + " AND table_name = 'cases' AND column_name = 'for_decision')")
                .query(Boolean.class)
                .single();
    }

    @Test
    @Order(1)
    void aFailureAfterTheMigrationsIsRolledBackAndTheSeededHolidaysGoWithTheirTable() {
        long cases = db.count("SELECT count(*) FROM cases");
        MigrationReport report = db.bean(MigrationRunner.class)
                .run(MigrationIT.approved(MigrationPlans.V1_2), Progress.none(), step -> {
                    if (step == 6) {
                        assertThat(db.count("SELECT count(*) FROM holidays")).isEqualTo(32);
                        throw new IllegalStateException("injected failure at step 6");
                    }
                });
        assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.ROLLED_BACK);
        assertThat(report.rollback().validUnderBase()).as(report.text()).isTrue();
        assertThat(db.tableExists("holidays")).isFalse();
        assertThat(db.tableExists("case_notes")).isFalse();
        assertThat(decisionColumn()).isFalse();
        assertThat(db.count("SELECT count(*) FROM cases")).isEqualTo(cases);
        assertThat(db.bean(MigrationRunner.class).pending(MigrationPlans.V1_2))
                .containsExactly("1.2.1", "1.2.2", "1.2.3", "1.2.4");
    }

    @Test
    @Order(2)
    void thePlanThenAppliesWithItsRestorePointsAndTheApplicationOffersItsFeatures() {
        MigrationReport report =
                db.bean(MigrationRunner.class).run(MigrationIT.approved(MigrationPlans.V1_2), Progress.none());
        assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);
        assertThat(db.count("SELECT count(*) FROM holidays WHERE removed_at IS NULL"))
                .isEqualTo(32);
        assertThat(decisionColumn()).isTrue();
        SchemaFeatures features = db.bean(SchemaFeatures.class);
        features.refresh();
        assertThat(features.isOfficeDay()).isTrue();
        assertThat(db.bean(RestorePoints.class).list().stream().map(RestorePoint::name))
                .anyMatch(n -> n.startsWith("v1.2-pre-migration"))
                .anyMatch(n -> n.startsWith("v1.2-post-schema"));
    }

    @Test
    @Order(3)
    void onceTheOfficeUsesWhatThePlanAddedARollbackKeepsIt() throws Exception {
        db.owner
                .sql(
                        "INSERT INTO holidays (day, name_nl, name_en, created_by)"
                                + " SELECT DATE '2030-06-05', 'Testdag', 'Test day', id FROM vpflow.users ORDER BY username LIMIT 1")
                .update();
        DataSource owner = db.bean(OwnerDatabase.class).dataSource();
        LogicalRollback.Outcome outcome = new LogicalRollback(owner, MigrationPlans.V1_2).run(Progress.none());
        assertThat(outcome.undone()).isFalse();
        assertThat(String.join("; ", outcome.kept())).contains("holidays (1 rows)");
        assertThat(db.tableExists("holidays")).isTrue();
        assertThat(db.tableExists("case_notes")).isTrue();
        assertThat(decisionColumn()).isTrue();
    }
}
