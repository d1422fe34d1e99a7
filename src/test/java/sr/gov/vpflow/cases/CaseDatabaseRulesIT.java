package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * The database holds the case rules itself, whatever the application does: a secretary cannot
 * close a case or touch a closed one, a closed case does not move back, and a change and its
 * audit event are committed together or not at all.
 */
class CaseDatabaseRulesIT extends IntegrationTest {

    @Autowired
    CaseService cases;

    private Account vp;
    private Account secretary;
    private OfficeRecords records;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        records = new OfficeRecords(owner());
    }

    private UUID openCase(String title) {
        return as(secretary, () -> cases.open(new OpenCase(title, null, null, null, null, null)))
                .id();
    }

    private static String sqlState(Throwable e) {
        return e instanceof DataAccessException d && d.getMostSpecificCause() instanceof SQLException sql
                ? sql.getSQLState()
                : "none";
    }

    @Test
    void referencesKeepEveryDigitPastTheTenThousandthCaseOfAYear() throws SQLException {
        // in one transaction that is rolled back, so the shared counter stays as it was
        try (java.sql.Connection c = ownerDataSource().getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("INSERT INTO case_reference_counters AS k (year, last_number)"
                        + " VALUES (extract(year FROM now() AT TIME ZONE 'America/Paramaribo'), 9999)"
                        + " ON CONFLICT (year) DO UPDATE SET last_number = 9999");
                java.util.List<String> references = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    try (java.sql.ResultSet rs =
                            st.executeQuery("INSERT INTO cases (title) VALUES ('Ten thousand') RETURNING reference")) {
                        rs.next();
                        references.add(rs.getString(1));
                    }
                }
                assertThat(references).allSatisfy(r -> assertThat(r).matches("VP-\\d{4}-1000[01]"));
                assertThat(references.get(0)).endsWith("-10000");
                assertThat(references.get(1)).endsWith("-10001");
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void theDatabaseRefusesASecretaryWhoClosesACaseDirectly() {
        UUID id = openCase(OfficeRecords.unique("Direct close"));
        assertThatThrownBy(() -> as(
                        secretary,
                        () -> jdbc.sql("UPDATE cases SET state = 'closed' WHERE id = :id")
                                .param("id", id)
                                .update()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("VPF05"));
        assertThatThrownBy(
                        () -> as(secretary, () -> jdbc.sql("""
                                UPDATE cases SET state = 'closed', resolution = 'done', closed_at = now(),
                                       closed_by = current_user_id() WHERE id = :id""").param("id", id).update()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
        assertThat(records.column(id, "state")).isEqualTo("open");
    }

    @Test
    void aClosedCaseIsOutOfASecretarysReachAndDoesNotMoveBackForTheVp() {
        UUID id = openCase(OfficeRecords.unique("Closed for good"));
        as(vp, () -> cases.close(id, new CloseCase("Besloten", null)));

        int touched = as(
                secretary,
                () -> jdbc.sql("UPDATE cases SET title = 'Changed' WHERE id = :id")
                        .param("id", id)
                        .update());
        assertThat(touched)
                .as("row-level security hides a closed case from a secretary's updates")
                .isZero();
        assertThatThrownBy(() -> as(
                        vp,
                        () -> jdbc.sql("UPDATE cases SET state = 'in_progress' WHERE id = :id")
                                .param("id", id)
                                .update()))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("VPF04"));
        assertThat(records.column(id, "title")).doesNotContain("Changed");
        assertThat(records.column(id, "state")).isEqualTo("closed");
    }

    @Test
    void theServiceRefusesASecretaryBeforeTheDatabaseHasTo() {
        UUID id = openCase(OfficeRecords.unique("Service close"));
        assertThatThrownBy(() -> as(secretary, () -> cases.close(id, new CloseCase("Klaar", null))))
                .isInstanceOfSatisfying(CaseException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("forbidden");
                });
        assertThatThrownBy(() -> accounts.asSystem(Role.ADMIN, () -> cases.list(CaseFilter.all(), null, 10)))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThat(records.column(id, "state")).isEqualTo("open");
    }

    @Test
    void aCaseAndItsAuditEventAreCommittedTogetherOrNotAtAll() {
        String title = OfficeRecords.unique("Rolled back");
        Actor actor = accounts.signIn(secretary, "web");
        Map<String, Object> seenInside = ActorContext.callAs(
                actor,
                () -> tx.execute(status -> {
                    CaseView opened = cases.open(new OpenCase(title, null, null, null, null, null));
                    long events = jdbc.sql(
                                    "SELECT count(*) FROM audit_logs WHERE entity_id = :id AND event_type = 'case_created'")
                            .param("id", opened.id())
                            .query(Long.class)
                            .single();
                    status.setRollbackOnly();
                    return Map.of("id", opened.id(), "events", events);
                }));
        assertThat(seenInside.get("events"))
                .as("the event is written in the same transaction")
                .isEqualTo(1L);
        UUID id = (UUID) seenInside.get("id");
        assertThat(records.casesTitled(title)).isZero();
        assertThat(records.allEvents(id)).isZero();

        UUID edited = openCase(OfficeRecords.unique("Edit rolled back"));
        ActorContext.runAs(
                actor,
                () -> tx.executeWithoutResult(status -> {
                    cases.edit(edited, new EditCase(0, Map.of(CaseField.TITLE, "Never saved")));
                    status.setRollbackOnly();
                }));
        assertThat(records.column(edited, "title")).doesNotContain("Never saved");
        assertThat(records.events("case_updated", edited)).isZero();
    }

    @Test
    void theAuditEventNamesTheActorAndRoleStampedByTheDatabase() {
        UUID id = openCase(OfficeRecords.unique("Stamped"));
        as(vp, () -> cases.edit(id, new EditCase(0, Map.of(CaseField.PRIORITY, CasePriority.URGENT))));
        Map<String, Object> row = owner().sql("""
                        SELECT actor_id, actor_role, details->>'channel' AS channel,
                               details->'changes'->'priority'->>'to' AS priority
                        FROM audit_logs WHERE event_type = 'case_updated' AND entity_id = :id""").param("id", id).query().singleRow();
        assertThat(row)
                .containsEntry("actor_id", vp.id())
                .containsEntry("actor_role", "vp")
                .containsEntry("channel", "web")
                .containsEntry("priority", "urgent");
    }
}
