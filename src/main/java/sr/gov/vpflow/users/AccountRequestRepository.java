package sr.gov.vpflow.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.Role;

/** The database's functions for the four-eyes rule on the Vice President's power (V1_0_64). */
@Repository
class AccountRequestRepository {

    private final JdbcClient jdbc;

    AccountRequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AccountRequestView> list(boolean pendingOnly) {
        return jdbc.sql("SELECT * FROM account_requests_list(:pending)")
                .param("pending", pendingOnly)
                .query(AccountRequestRepository::view)
                .list();
    }

    Optional<AccountRequestView> find(UUID id) {
        return list(false).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The pending request of this kind for the account, if one is filed. */
    Optional<AccountRequestView> pending(UUID user, String kind) {
        return list(true).stream()
                .filter(r -> r.userId().equals(user) && r.kind().equals(kind))
                .findFirst();
    }

    /** The new status: approved or rejected. */
    String decide(UUID id, boolean approve, String reason) {
        return jdbc.sql("SELECT decide_account_request(:id, :approve, :reason)")
                .param("id", id)
                .param("approve", approve)
                .param("reason", reason)
                .query(String.class)
                .single();
    }

    /** changed, requested, unchanged or not_found. */
    String setRole(UUID user, Role role) {
        return jdbc.sql("SELECT set_role(:id, CAST(:role AS app_role))")
                .param("id", user)
                .param("role", role.code())
                .query(String.class)
                .single();
    }

    /** changed, requested or not_found. */
    String resetSecondFactor(UUID user) {
        return jdbc.sql("SELECT reset_second_factor(:id)")
                .param("id", user)
                .query(String.class)
                .single();
    }

    /** changed, requested, unchanged or not_found. */
    String enable(UUID user) {
        return jdbc.sql("SELECT enable_user(:id)")
                .param("id", user)
                .query(String.class)
                .single();
    }

    private static AccountRequestView view(ResultSet rs, int n) throws SQLException {
        return new AccountRequestView(
                rs.getObject("id", UUID.class),
                rs.getString("kind"),
                rs.getObject("user_id", UUID.class),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("account_role"),
                rs.getString("new_role"),
                rs.getString("note"),
                rs.getObject("requested_by", UUID.class),
                rs.getString("requested_by_name"),
                rs.getObject("requested_at", OffsetDateTime.class),
                rs.getString("status"),
                rs.getObject("decided_by", UUID.class),
                rs.getString("decided_by_name"),
                rs.getObject("decided_at", OffsetDateTime.class),
                rs.getString("decision_reason"));
    }
}
