package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * The re-opening rules live in the database, whatever the application does: statements sent
 * directly as the application's role, through its own transaction set-up, cannot let a secretary
 * re-open or re-close a case or touch its closing, and a re-opening and a re-closing write only
 * what they should, for the Vice President too.
 */
class ReopenDatabaseRulesIT extends IntegrationTest {

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

    private UUID closedCase() {
        UUID id = as(
                        secretary,
                        () -> cases.open(
                                new OpenCase(OfficeRecords.unique("Database rules"), null, null, null, null, null)))
                .id();
        as(vp, () -> cases.close(id, new CloseCase("Eerste besluit", null)));
        return id;
    }

    private UUID reopenedCase() {
        UUID id = closedCase();
        as(vp, () -> cases.reopen(id, new ReopenCase("Nieuwe feiten", null)));
        return id;
    }

    /** One statement as the account's database role, in a transaction that is rolled back. */
    private int sql(Account account, String sql, UUID id) {
        return inRolledBack(account, j -> j.sql(sql).param("id", id).update());
    }

    private <T> T inRolledBack(Account account, Function<JdbcClient, T> work) {
        return accounts.as(
                account,
                () -> tx.execute(status -> {
                    status.setRollbackOnly();
                    return work.apply(jdbc);
                }));
    }

    private static String sqlState(Throwable e) {
        return e instanceof DataAccessException d && d.getMostSpecificCause() instanceof SQLException sql
                ? sql.getSQLState()
                : "none";
    }

    private Map<String, Object> row(UUID id) {
        return owner().sql("SELECT state::text, resolution, closed_at, closed_by, title, version FROM cases"
                        + " WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    @Test
    void aSecretaryCannotReopenACaseWithDirectSql() {
        UUID id = closedCase();
        Map<String, Object> before = row(id);
        assertThat(sql(secretary, "UPDATE cases SET state = 'reopened' WHERE id = :id", id))
                .as("row-level security keeps a closed case out of a secretary's updates")
                .isZero();
        assertThat(sql(
                        secretary,
                        "UPDATE cases SET state = 'reopened', resolution = NULL, closed_at = NULL,"
                                + " closed_by = NULL WHERE id = :id",
                        id))
                .as("nor with the closing columns")
                .isZero();
        assertThat(row(id)).isEqualTo(before);
        // the Vice President's same statement is what the transitions allow
        assertThat(sql(
                        vp,
                        "UPDATE cases SET state = 'reopened', resolution = NULL, closed_at = NULL,"
                                + " closed_by = NULL WHERE id = :id",
                        id))
                .isEqualTo(1);
    }

    @Test
    void aSecretaryCannotCloseAReopenedCaseAgainNorTouchItsClosingButEditsIt() {
        UUID id = reopenedCase();
        Map<String, Object> before = row(id);
        assertThatThrownBy(() -> sql(secretary, "UPDATE cases SET state = 'closed' WHERE id = :id", id))
                .satisfies(e -> assertThat(sqlState(e))
                        .as("closing is the Vice President's")
                        .isEqualTo("VPF05"));
        assertThatThrownBy(() -> sql(
                        secretary,
                        "UPDATE cases SET state = 'closed', resolution = 'Klaar', closed_at = now(),"
                                + " closed_by = current_user_id() WHERE id = :id",
                        id))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
        assertThatThrownBy(() -> sql(secretary, "UPDATE cases SET resolution = 'Stilletjes' WHERE id = :id", id))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
        assertThatThrownBy(() -> sql(secretary, "UPDATE cases SET closed_by = current_user_id() WHERE id = :id", id))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
        for (String state : new String[] {"open", "in_progress"}) {
            assertThatThrownBy(() -> sql(secretary, "UPDATE cases SET state = '" + state + "' WHERE id = :id", id))
                    .satisfies(e -> assertThat(sqlState(e)).as(state).isEqualTo("VPF04"));
        }
        assertThat(sql(secretary, "UPDATE cases SET title = 'Bewerkt' WHERE id = :id", id))
                .as("a secretary edits a re-opened case")
                .isEqualTo(1);
        assertThat(row(id)).isEqualTo(before);
    }

    @Test
    void aReopeningTakesTheClosingAwayAndAReclosingIsTheActingVpsNowWithANewResolution() {
        UUID closed = closedCase();
        assertThatThrownBy(() -> sql(vp, "UPDATE cases SET state = 'reopened' WHERE id = :id", closed))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));

        UUID id = reopenedCase();
        Map<String, Object> before = row(id);
        assertThat(before).containsEntry("state", "reopened").containsEntry("resolution", null);
        assertThatThrownBy(() -> sql(vp, "UPDATE cases SET resolution = 'Alvast' WHERE id = :id", id))
                .as("no resolution while re-opened")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));
        assertThatThrownBy(() -> sql(
                        vp,
                        "UPDATE cases SET state = 'closed', closed_at = now(), closed_by = current_user_id()"
                                + " WHERE id = :id",
                        id))
                .as("closing again needs a resolution")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));
        assertThatThrownBy(() -> sql(
                        vp,
                        "UPDATE cases SET state = 'closed', resolution = 'Klaar', closed_at = now()," + " closed_by = '"
                                + secretary.id() + "' WHERE id = :id",
                        id))
                .as("closed by someone else")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));
        assertThatThrownBy(() -> sql(
                        vp,
                        "UPDATE cases SET state = 'closed', resolution = 'Klaar',"
                                + " closed_at = now() - interval '1 day', closed_by = current_user_id() WHERE id = :id",
                        id))
                .as("closed at another time")
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23514"));
        assertThatThrownBy(() -> sql(vp, "UPDATE cases SET state = 'open' WHERE id = :id", id))
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("VPF04"));
        assertThat(sql(
                        vp,
                        "UPDATE cases SET state = 'closed', resolution = 'Klaar', closed_at = now(),"
                                + " closed_by = current_user_id() WHERE id = :id",
                        id))
                .isEqualTo(1);
        assertThat(row(id)).isEqualTo(before);
        assertThat(records.events("case_reopened", id)).isEqualTo(1);
    }
}
