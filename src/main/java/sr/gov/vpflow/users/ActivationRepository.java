package sr.gov.vpflow.users;

import jakarta.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The database's functions for activation links, one's own password, sessions and sign-ins (V1_0_66). */
@Repository
class ActivationRepository {

    private final JdbcClient jdbc;

    ActivationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Issued(String token, OffsetDateTime expiresAt, UUID request) {}

    record LinkState(@Nullable String username, @Nullable String displayName, String state) {}

    Issued issue(UUID user, String purpose) {
        return jdbc.sql("SELECT * FROM issue_activation(:user, :purpose)")
                .param("user", user)
                .param("purpose", purpose)
                .query((rs, n) -> new Issued(
                        rs.getString("token"),
                        rs.getObject("expires_at", OffsetDateTime.class),
                        rs.getObject("request", UUID.class)))
                .single();
    }

    LinkState state(String token) {
        return jdbc.sql("SELECT * FROM activation_state(:token)")
                .param("token", token)
                .query((rs, n) ->
                        new LinkState(rs.getString("username"), rs.getString("display_name"), rs.getString("state")))
                .single();
    }

    String use(String token, String password) {
        return jdbc.sql("SELECT use_activation(:token, :password)")
                .param("token", token)
                .param("password", password)
                .query(String.class)
                .single();
    }

    boolean changeOwnPassword(String current, String next) {
        return jdbc.sql("SELECT change_own_password(:current, :next)")
                .param("current", current)
                .param("next", next)
                .query(Boolean.class)
                .single();
    }

    List<SessionView> sessions() {
        return jdbc.sql("SELECT * FROM list_own_sessions()")
                .query(ActivationRepository::session)
                .list();
    }

    boolean endSession(UUID id) {
        return jdbc.sql("SELECT end_own_session(:id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    List<SignInView> signIns(int limit) {
        return jdbc.sql("SELECT * FROM own_sign_ins(:limit)")
                .param("limit", limit)
                .query((rs, n) -> new SignInView(
                        rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getBoolean("succeeded"),
                        rs.getString("channel"),
                        rs.getString("reason")))
                .list();
    }

    /** none, pending (with the secret, hex) or active. */
    record OwnSecondFactor(String state, String secretHex) {}

    OwnSecondFactor ownSecondFactor() {
        return jdbc.sql("SELECT * FROM own_second_factor()")
                .query((rs, n) -> new OwnSecondFactor(rs.getString("state"), rs.getString("secret")))
                .single();
    }

    void beginOwnSecondFactor() {
        jdbc.sql("SELECT begin_own_second_factor()").query().singleRow();
    }

    /** The recovery codes, or null for a wrong code. */
    List<String> confirmOwnSecondFactor(String code) {
        return jdbc.sql("SELECT confirm_own_second_factor(:code) AS codes")
                .param("code", code)
                .query((rs, n) -> {
                    java.sql.Array codes = rs.getArray("codes");
                    return java.util.Optional.ofNullable(codes == null ? null : List.of((String[]) codes.getArray()));
                })
                .single()
                .orElse(null);
    }

    private static SessionView session(ResultSet rs, int n) throws SQLException {
        return new SessionView(
                rs.getObject("id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("last_used_at", OffsetDateTime.class),
                rs.getObject("expires_at", OffsetDateTime.class),
                rs.getBoolean("current"));
    }
}
