package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.TestAccounts.Account;
import sr.gov.vpflow.support.Uploads;

/**
 * The read views the modules publish for each other (V1_0_72) give no right of their own: for
 * every role, a view returns exactly the rows its table returns to that role, and the login can
 * write nothing through it. The documents module's {@code document_links_of} likewise.
 */
class ReadViewsIT extends IntegrationTest {

    private static final Map<String, String> VIEWS = Map.of(
            "user_names", "users",
            "guest_names", "guests",
            "appointment_summaries", "appointments",
            "case_summaries", "cases");

    @Test
    void eachViewAnswersEveryRoleAsItsTableDoes() {
        Account vp = accounts.create(Role.VP);
        Account secretary = accounts.create(Role.SECRETARY);
        Account admin = accounts.create(Role.ADMIN);
        // a vp document linked to a case: its link is the vp's alone
        String kase = api.post("/api/v1/cases", vp, Map.of("title", "Vertrouwelijk dossier"))
                .json()
                .get("id")
                .asString();
        assertThat(new Uploads(api.base())
                        .upload(
                                vp,
                                Uploads.body("Notitie", "n.pdf", "application/pdf", Samples.pdf())
                                        .field("entity_type", "case")
                                        .field("entity_id", kase))
                        .statusCode())
                .isEqualTo(201);
        long allLinks = owner().sql("SELECT count(*) FROM document_links")
                .query(Long.class)
                .single();
        for (Account account : List.of(vp, secretary, admin)) {
            Actor actor = accounts.signIn(account, "web");
            VIEWS.forEach((view, table) -> {
                long throughView = count(actor, "SELECT count(*) FROM " + view);
                long throughTable = count(actor, "SELECT count(*) FROM " + table);
                assertThat(throughView)
                        .as("%s as %s (its table %s)", view, account.role(), table)
                        .isEqualTo(throughTable);
            });
        }
        // the documents module's function for the links of a record answers as the links do
        String linksOfTheCase = "SELECT count(*) FROM document_links_of('case', CAST('" + kase + "' AS uuid))";
        assertThat(count(accounts.signIn(vp, "web"), linksOfTheCase)).isEqualTo(1);
        assertThat(count(accounts.signIn(secretary, "web"), linksOfTheCase)).isZero();
        assertThat(allLinks).isPositive();
        assertThat(count(
                        accounts.signIn(vp, "web"),
                        "SELECT count(*) FROM case_summaries WHERE id = CAST('" + kase + "' AS uuid)"))
                .isEqualTo(1);
    }

    @Test
    void nothingIsWrittenThroughAView() {
        Actor actor = accounts.signIn(accounts.create(Role.SECRETARY), "web");
        for (String statement : List.of(
                "UPDATE guest_names SET full_name = 'x'",
                "DELETE FROM case_summaries",
                "INSERT INTO user_names (username, display_name) VALUES ('x', 'x')")) {
            assertThat(refusal(actor, statement)).as(statement).isEqualTo("42501");
        }
    }

    private long count(Actor actor, String sql) {
        return ActorContext.callAs(
                actor, () -> tx.execute(s -> jdbc.sql(sql).query(Long.class).single()));
    }

    private String refusal(Actor actor, String sql) {
        try {
            ActorContext.callAs(actor, () -> tx.execute(s -> jdbc.sql(sql).update()));
            return "done";
        } catch (org.springframework.dao.DataAccessException e) {
            return e.getMostSpecificCause() instanceof java.sql.SQLException refused
                    ? refused.getSQLState()
                    : e.toString();
        }
    }
}
