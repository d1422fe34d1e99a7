package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import tools.jackson.databind.JsonNode;

/**
 * Four eyes on the Vice President's power: what the administrator asks for does not happen until
 * another Vice President approves, whether asked through the API or in SQL as the administrator's
 * own database identity.
 */
class AccountRequestsIT extends IntegrationTest {

    private static final String PASSWORD = "Ravi-leest-elke-ochtend-7";

    @Autowired
    ApplicationLogin login;

    private Account admin;
    private Account vp;

    @BeforeEach
    void office() {
        admin = accounts.create(Role.ADMIN);
        vp = accounts.create(Role.VP);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, Object> row(UUID user) {
        return owner().sql("SELECT role::text AS role, is_active FROM users WHERE id = :id")
                .param("id", user)
                .query()
                .singleRow();
    }

    private long audited(String event, UUID user) {
        return owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = :e AND entity_id = :id")
                .param("e", event)
                .param("id", user)
                .query(Long.class)
                .single();
    }

    private static String token(Response invited) {
        String url = invited.json().get("activation").get("url").asString();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private Response activate(String token, String password) {
        return api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.base() + "/api/v1/activations/" + token))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\": \"" + password + "\"}")));
    }

    private Response approve(Account as, String request, String reason) {
        return api.post("/api/v1/account-requests/" + request + "/approve", as, Map.of("reason", reason));
    }

    @Test
    void aNewVicePresidentsAccountWaitsDisabledUntilAnotherVicePresidentApproves() {
        String name = unique("vp");
        Response filed =
                api.post("/api/v1/users", admin, Map.of("username", name, "display_name", "Nieuwe VP", "role", "vp"));
        assertThat(filed.status()).isEqualTo(202);
        JsonNode request = filed.json().get("request");
        // the person chooses their password with the link; the account stays disabled until approved
        assertThat(activate(token(filed), PASSWORD).status()).isEqualTo(204);
        assertThat(request.get("kind").asString()).isEqualTo("activate");
        assertThat(request.get("status").asString()).isEqualTo("pending");
        assertThat(request.get("requested_by").asString()).isEqualTo(admin.id().toString());
        assertThat(filed.header("Location"))
                .isEqualTo("/api/v1/account-requests/" + request.get("id").asString());
        UUID made = UUID.fromString(request.get("user_id").asString());
        assertThat(filed.json().get("user").get("is_active").asBoolean()).isFalse();
        assertThat(row(made)).containsEntry("role", "vp").containsEntry("is_active", false);
        assertThat(api.basic("/api/v1/me", name, PASSWORD).status())
                .as("nobody signs in with it before the approval")
                .isEqualTo(401);

        // the Vice President sees who asked what and when
        Response pending = api.get("/api/v1/account-requests", vp);
        assertThat(pending.status()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode r : pending.json()) {
            if (r.get("id").asString().equals(request.get("id").asString())) {
                listed = r;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("username").asString()).isEqualTo(name);
        assertThat(listed.get("requested_by_name").asString()).isEqualTo(admin.username());
        assertThat(listed.get("requested_at").asString()).isNotBlank();
        assertThat(listed.has("password_hash")).isFalse();

        assertThat(approve(admin, request.get("id").asString(), "zelf").status())
                .as("the administrator approving their own request")
                .isEqualTo(403);
        Response noReason = approve(vp, request.get("id").asString(), "  ");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("code").asString()).isEqualTo("reason_required");
        assertThat(row(made)).containsEntry("is_active", false);

        Response approved = approve(vp, request.get("id").asString(), "Benoemd bij besluit van 1 december");
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("approved");
        assertThat(approved.json().get("decided_by").asString())
                .isEqualTo(vp.id().toString());
        assertThat(row(made)).containsEntry("is_active", true);
        assertThat(api.basic("/api/v1/me", name, PASSWORD).status()).isEqualTo(200);
        assertThat(approve(vp, request.get("id").asString(), "nogmaals")
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("already_decided");

        assertThat(audited("user_created", made)).isEqualTo(1);
        assertThat(audited("account_request_filed", made)).isEqualTo(1);
        assertThat(audited("account_request_approved", made)).isEqualTo(1);
        assertThat(audited("user_enabled", made)).isEqualTo(1);
    }

    @Test
    void promotingASecretaryIsARequestThatARejectionEnds() {
        Account secretary = accounts.create(Role.SECRETARY);
        Response filed = api.post("/api/v1/users/" + secretary.id() + "/role", admin, Map.of("role", "vp"));
        assertThat(filed.status()).isEqualTo(202);
        assertThat(filed.json().get("new_role").asString()).isEqualTo("vp");
        assertThat(row(secretary.id())).containsEntry("role", "secretary");
        Response twice = api.post("/api/v1/users/" + secretary.id() + "/role", admin, Map.of("role", "vp"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asString()).isEqualTo("request_pending");

        String id = filed.json().get("id").asString();
        Response rejected =
                api.post("/api/v1/account-requests/" + id + "/reject", vp, Map.of("reason", "Geen besluit bekend"));
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("status").asString()).isEqualTo("rejected");
        assertThat(rejected.json().get("decision_reason").asString()).isEqualTo("Geen besluit bekend");
        assertThat(row(secretary.id())).containsEntry("role", "secretary");
        assertThat(api.get("/api/v1/me", secretary).json().get("role").asString())
                .isEqualTo("secretary");
        assertThat(audited("account_request_rejected", secretary.id())).isEqualTo(1);

        // a role that does not touch the Vice President's power is the administrator's to change
        Response toAdmin = api.post("/api/v1/users/" + secretary.id() + "/role", admin, Map.of("role", "admin"));
        assertThat(toAdmin.status()).isEqualTo(200);
        assertThat(toAdmin.json().get("role").asString()).isEqualTo("admin");
        assertThat(audited("user_role_changed", secretary.id())).isEqualTo(1);
    }

    @Test
    void demotingAVicePresidentTakesEffectOnApproval() {
        Account other = accounts.create(Role.VP);
        Response filed = api.post("/api/v1/users/" + other.id() + "/role", admin, Map.of("role", "secretary"));
        assertThat(filed.status()).isEqualTo(202);
        assertThat(row(other.id())).containsEntry("role", "vp");
        assertThat(approve(other, filed.json().get("id").asString(), "ik stem in")
                        .json()
                        .get("code")
                        .asString())
                .as("a request about oneself is decided by another Vice President")
                .isEqualTo("four_eyes");
        assertThat(approve(vp, filed.json().get("id").asString(), "Einde benoeming")
                        .status())
                .isEqualTo(200);
        assertThat(row(other.id())).containsEntry("role", "secretary");
        assertThat(api.get("/api/v1/me", other).json().get("role").asString()).isEqualTo("secretary");
    }

    @Test
    void reEnablingAVicePresidentAndResettingTheirPasswordWaitForApproval() {
        Account other = accounts.create(Role.VP);
        assertThat(api.post("/api/v1/users/" + other.id() + "/disable", admin, Map.of())
                        .status())
                .as("taking power away needs no second pair of eyes")
                .isEqualTo(200);
        Response enable = api.post("/api/v1/users/" + other.id() + "/enable", admin, Map.of());
        assertThat(enable.status()).isEqualTo(202);
        assertThat(row(other.id())).containsEntry("is_active", false);
        assertThat(approve(vp, enable.json().get("id").asString(), "Terug van verlof")
                        .status())
                .isEqualTo(200);
        assertThat(row(other.id())).containsEntry("is_active", true);

        Response reset = api.post("/api/v1/users/" + other.id() + "/reset", admin, Map.of());
        assertThat(reset.status()).isEqualTo(202);
        assertThat(reset.json().get("request").get("kind").asString()).isEqualTo("password_reset");
        Response early = activate(token(reset), "Door-de-vp-zelf-gekozen-3");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("code").asString()).isEqualTo("awaiting_approval");
        assertThat(api.basic("/api/v1/me", other.username(), other.password()).status())
                .as("the old password works until a Vice President approves and the link is used")
                .isEqualTo(200);
        assertThat(approve(vp, reset.json().get("request").get("id").asString(), "Wachtwoord vergeten")
                        .status())
                .isEqualTo(200);
        assertThat(api.basic("/api/v1/me", other.username(), other.password()).status())
                .isEqualTo(200);
        assertThat(activate(token(reset), "Door-de-vp-zelf-gekozen-3").status()).isEqualTo(204);
        assertThat(api.basic("/api/v1/me", other.username(), "Door-de-vp-zelf-gekozen-3")
                        .status())
                .isEqualTo(200);
        assertThat(api.basic("/api/v1/me", other.username(), other.password()).status())
                .isEqualTo(401);

        // an approval is for its own link: a new link voids one not used, and waits again
        Response second = api.post("/api/v1/users/" + other.id() + "/reset", admin, Map.of());
        assertThat(approve(vp, second.json().get("request").get("id").asString(), "Opnieuw vergeten")
                        .status())
                .isEqualTo(200);
        Response third = api.post("/api/v1/users/" + other.id() + "/reset", admin, Map.of());
        assertThat(third.json().get("request").get("id").asString())
                .isNotEqualTo(second.json().get("request").get("id").asString());
        assertThat(activate(token(third), "Door-de-beheerder-alleen-9")
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("awaiting_approval");
        assertThat(activate(token(second), "Door-de-beheerder-alleen-9")
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("link_used");

        // a secretary's account stays the administrator's to enable
        Account secretary = accounts.create(Role.SECRETARY);
        api.post("/api/v1/users/" + secretary.id() + "/disable", admin, Map.of());
        assertThat(api.post("/api/v1/users/" + secretary.id() + "/enable", admin, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(row(secretary.id())).containsEntry("is_active", true);
        assertThat(audited("user_enabled", secretary.id())).isEqualTo(1);
    }

    @Test
    void resettingAVicePresidentsSecondFactorWaitsForApproval() {
        Account secretary = accounts.create(Role.SECRETARY);
        assertThat(api.post("/api/v1/users/" + secretary.id() + "/second-factor/reset", admin, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(audited("second_factor_reset", secretary.id())).isEqualTo(1);
        Account other = accounts.create(Role.VP);
        Response filed = api.post("/api/v1/users/" + other.id() + "/second-factor/reset", admin, Map.of());
        assertThat(filed.status()).isEqualTo(202);
        assertThat(filed.json().get("kind").asString()).isEqualTo("second_factor_reset");
        assertThat(audited("second_factor_reset", other.id())).isZero();
        assertThat(approve(vp, filed.json().get("id").asString(), "Telefoon verloren")
                        .status())
                .isEqualTo(200);
        assertThat(audited("second_factor_reset", other.id())).isEqualTo(1);
    }

    @Test
    void theAdministratorsOwnDatabaseIdentityCannotGoAroundTheRule() throws SQLException {
        String adminToken = api.post("/api/v1/me/tokens", admin, Map.of("name", "beheer"))
                .json()
                .get("token")
                .asString();
        Account secretary = accounts.create(Role.SECRETARY);
        Account other = accounts.create(Role.VP);
        api.post("/api/v1/users/" + other.id() + "/disable", admin, Map.of());
        Response filed = api.post("/api/v1/users/" + secretary.id() + "/role", admin, Map.of("role", "vp"));
        String request = filed.json().get("id").asString();
        try (Connection c = login.connect("attacker")) {
            act(c, adminToken);
            assertThat(refusal(c, "UPDATE vpflow.users SET is_active = true WHERE id = '" + other.id() + "'"))
                    .as("enabling a disabled Vice President directly")
                    .isEqualTo("42501");
            assertThat(refusal(c, "UPDATE vpflow.users SET role = 'vp' WHERE id = '" + secretary.id() + "'"))
                    .isEqualTo("42501");
            assertThat(refusal(
                            c,
                            "SELECT vpflow.decide_account_request('" + request + "', true, 'ik keur het zelf goed')"))
                    .as("the requester approving their own request")
                    .isEqualTo("42501");
            assertThat(refusal(c, "UPDATE vpflow.account_requests SET status = 'approved'"))
                    .isEqualTo("42501");
            assertThat(refusal(
                            c,
                            "INSERT INTO vpflow.account_requests (kind, user_id, status, decided_by, decided_at,"
                                    + " decision_reason) VALUES ('activate', '" + other.id() + "', 'approved', '"
                                    + vp.id() + "', now(), 'vervalst')"))
                    .isEqualTo("42501");
            assertThat(refusal(c, "SELECT vpflow.set_role('" + secretary.id() + "', 'vp')"))
                    .as("set_role files a request, it does not promote")
                    .isEqualTo("23505");
            assertThat(refusal(c, "SELECT vpflow.set_password('" + other.id() + "', 'Overgenomen-wachtwoord-1')"))
                    .as("the administrator sets no password")
                    .isEqualTo("42501");
            assertThat(refusal(
                            c,
                            "SELECT vpflow.create_user('gekozen-"
                                    + UUID.randomUUID().toString().substring(0, 6)
                                    + "', 'X', 'secretary', 'Door-de-beheerder-gekozen-3')"))
                    .as("nor chooses one for a new account")
                    .isEqualTo("42501");
            // a link "for a new account" is no way around it for a Vice President who is active
            assertThat(refusal(c, "SELECT * FROM vpflow.issue_activation('" + vp.id() + "', 'new')"))
                    .isEqualTo("42501");
            // a reset link for a Vice President, made in SQL, waits for the approval like any other
            String link = text(c, "SELECT token FROM vpflow.issue_activation('" + other.id() + "', 'reset')");
            assertThat(text(c, "SELECT vpflow.use_activation('" + link + "', 'Overgenomen-wachtwoord-1')"))
                    .isEqualTo("awaiting_approval");
            c.commit();
        }
        assertThat(row(other.id())).containsEntry("is_active", false);
        assertThat(row(secretary.id())).containsEntry("role", "secretary");
        assertThat(api.basic("/api/v1/me", other.username(), "Overgenomen-wachtwoord-1")
                        .status())
                .isEqualTo(401);
        assertThat(owner().sql("SELECT count(*) FROM account_requests WHERE user_id = :id AND kind = 'password_reset'"
                                + " AND status = 'pending'")
                        .param("id", other.id())
                        .query(Long.class)
                        .single())
                .as("the link's request, filed in SQL, waits for a Vice President")
                .isEqualTo(1);
        // and a Vice President cannot approve what concerns their own account, in SQL either
        String vpToken = api.post("/api/v1/me/tokens", vp, Map.of("name", "vp"))
                .json()
                .get("token")
                .asString();
        Response aboutVp = api.post("/api/v1/users/" + vp.id() + "/role", admin, Map.of("role", "secretary"));
        try (Connection c = login.connect("attacker")) {
            act(c, vpToken);
            assertThat(refusal(
                            c,
                            "SELECT vpflow.decide_account_request('"
                                    + aboutVp.json().get("id").asString() + "', false, 'niet over mijzelf')"))
                    .isEqualTo("42501");
            c.rollback();
        }
    }

    private static void act(Connection c, String token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM vpflow.act(?, 'web')")) {
            ps.setString(1, token);
            ps.executeQuery().close();
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The SQLSTATE the statement was refused with, or "ok". */
    private static String refusal(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SAVEPOINT attack");
            try {
                st.execute(sql);
                st.execute("RELEASE SAVEPOINT attack");
                return "ok";
            } catch (SQLException e) {
                st.execute("ROLLBACK TO SAVEPOINT attack");
                return e.getSQLState();
            }
        }
    }
}
