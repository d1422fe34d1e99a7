package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/** The checklist passes on a sound database and finds what is wrong with a damaged one. */
class ChecklistIT {

    private static ValidationReport.Item item(ValidationReport report, String check) {
        return report.items().stream()
                .filter(i -> i.check().startsWith(check))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + check + " in " + report));
    }

    @Test
    void validateFindsUnforcedRowSecurityARogueGrantSchemaDriftAndAnOrphanedLink() {
        try (ConfigurableApplicationContext app =
                StandaloneApplication.start(IntegrationTest.preparedDataDir("checklist"), false)) {
            Checklist checklist = app.getBean(Checklist.class);
            JdbcClient owner =
                    JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
            owner.sql("INSERT INTO cases (title) VALUES ('Counted')").update();

            ValidationReport sound = checklist.validate(Progress.none());
            assertThat(sound.passed()).as(sound.toString()).isTrue();
            assertThat(item(sound, "the schema is the one recorded").status())
                    .isEqualTo(ValidationReport.Status.PASSED);
            assertThat(item(sound, "the audit log accepts").detail())
                    .contains("of "
                            + MigrationPlans.all()
                                    .get(MigrationPlans.all().size() - 1)
                                    .newEventTypes()
                                    .size() + " event types accepted");

            owner.sql("ALTER TABLE guests NO FORCE ROW LEVEL SECURITY").update();
            owner.sql("GRANT SELECT ON case_reference_counters TO vpflow_user").update();
            owner.sql("CREATE POLICY rogue ON case_reference_counters FOR SELECT TO vpflow_user"
                            + " USING (current_app_role() = 'vp')")
                    .update();
            ValidationReport damaged = checklist.validate(Progress.none());
            assertThat(damaged.passed()).isFalse();
            assertThat(item(damaged, "row-level security enabled and forced").findings())
                    .containsExactly("guests: row-level security not forced");
            assertThat(item(damaged, "the approved RLS matrix holds").findings())
                    .contains("case_reference_counters select as vp: expected 'none', found 'all'");
            assertThat(item(damaged, "the schema is the one recorded").findings())
                    .anySatisfy(f -> assertThat(f).startsWith("added since: policy case_reference_counters.rogue"))
                    .anySatisfy(f -> assertThat(f).contains("table guests kind=r rls=true force=true"));

            // the search's configurations are part of the schema: words left unstemmed are a change
            owner.sql("ALTER TEXT SEARCH CONFIGURATION search_nl ALTER MAPPING FOR word WITH simple")
                    .update();
            assertThat(item(checklist.validate(Progress.none()), "the schema is the one recorded")
                            .findings())
                    .anySatisfy(f -> assertThat(f).contains("text search configuration search_nl"));
            owner.sql("ALTER TEXT SEARCH CONFIGURATION search_nl ALTER MAPPING FOR word WITH vpflow.unaccent,"
                            + " pg_catalog.dutch_stem")
                    .update();

            owner.sql("ALTER TABLE guests FORCE ROW LEVEL SECURITY").update();
            owner.sql("DROP POLICY rogue ON case_reference_counters").update();
            owner.sql("REVOKE SELECT ON case_reference_counters FROM vpflow_user")
                    .update();
            assertThat(checklist.validate(Progress.none()).passed()).isTrue();

            // a link whose guest does not exist: only the owner, around the policies, can make one
            UUID user = owner.sql("SELECT id FROM users LIMIT 1")
                    .query(UUID.class)
                    .optional()
                    .orElseGet(() -> owner.sql("INSERT INTO users (username, display_name, role, password_hash)"
                                    + " VALUES ('someone', 'Someone', 'vp', 'x') RETURNING id")
                            .query(UUID.class)
                            .single());
            UUID document = owner.sql("INSERT INTO documents (title, file_path, file_type, file_size, owner_role,"
                            + " created_by) VALUES ('Los', 'sha256/00/11', 'text/plain', 1, 'vp', :u) RETURNING id")
                    .param("u", user)
                    .query(UUID.class)
                    .single();
            owner.sql("INSERT INTO document_links (document_id, entity_type, entity_id, linked_by)"
                            + " VALUES (:d, 'guest', :g, :u)")
                    .param("d", document)
                    .param("g", UUID.randomUUID())
                    .param("u", user)
                    .update();
            ValidationReport orphaned = checklist.validate(Progress.none());
            assertThat(item(orphaned, "no orphaned polymorphic reference").findings())
                    .contains("document_links: 1 links to a guest that does not exist");
            assertThat(item(orphaned, "no orphaned foreign key").status()).isEqualTo(ValidationReport.Status.PASSED);
        }
    }

    @Test
    void aBrokenRowSecurityRuleFoundByTheValidationRollsTheMigrationBack() {
        try (V10Database db = V10Database.start("checklist-rollback", 5, false)) {
            db.owner
                    .sql("GRANT SELECT ON case_reference_counters TO vpflow_user")
                    .update();
            db.owner
                    .sql("CREATE POLICY leak ON case_reference_counters FOR SELECT TO vpflow_user"
                            + " USING (current_app_role() = 'secretary')")
                    .update();
            DatabaseSnapshot before = DatabaseSnapshot.of(db.owner);

            MigrationReport report = db.bean(MigrationRunner.class).run(MigrationIT.approved(), Progress.none());

            assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.ROLLED_BACK);
            assertThat(report.failedStep()).isEqualTo(6);
            assertThat(report.validation().failed())
                    .singleElement()
                    .satisfies(i -> assertThat(i.findings())
                            .contains("case_reference_counters select as secretary: expected 'none', found 'all'"));
            assertThat(report.rollback().validUnderBase()).isTrue();
            assertThat(db.tableExists("documents")).isFalse();
            DatabaseSnapshot after = DatabaseSnapshot.of(db.owner);
            for (String table : before.tables().keySet()) {
                if (!table.startsWith("audit_") && !table.equals("case_state_transitions")) {
                    assertThat(after.rows(table)).as(table).isEqualTo(before.rows(table));
                }
            }
            assertThat(after.rows("audit_logs")).containsAll(before.rows("audit_logs"));
        }
    }
}
