package sr.gov.vpflow.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;

@Repository
class UserRepository {

    private static final String VIEW_COLUMNS = "id, username, display_name, role, is_active, created_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The database hashes the password; the administrator's proven role is checked there too. */
    UUID insert(String username, String displayName, Role role, String password) {
        return jdbc.sql("SELECT create_user(:username, :displayName, CAST(:role AS app_role), :password)")
                .param("username", username)
                .param("displayName", displayName)
                .param("role", role.code())
                .param("password", password)
                .query(UUID.class)
                .single();
    }

    boolean usernameExists(String username) {
        return jdbc.sql("SELECT EXISTS (SELECT FROM users WHERE lower(username) = lower(:username))")
                .param("username", username)
                .query(Boolean.class)
                .single();
    }

    long count() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    Optional<UserView> find(UUID id) {
        return jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(UserRepository::view)
                .optional();
    }

    Optional<UserView> findByUsername(String username) {
        return jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM users WHERE lower(username) = lower(:username)")
                .param("username", username)
                .query(UserRepository::view)
                .optional();
    }

    List<UserView> list(String afterUsername, int limit) {
        return jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM users"
                        + " WHERE (CAST(:after AS text) IS NULL OR lower(username) > CAST(:after AS text))"
                        + " ORDER BY lower(username) LIMIT :limit")
                .param("after", afterUsername)
                .param("limit", limit)
                .query(UserRepository::view)
                .list();
    }

    void disable(UUID id) {
        jdbc.sql("UPDATE users SET is_active = false WHERE id = :id")
                .param("id", id)
                .update();
    }

    /** The database hashes it; a new password also lifts any lock and ends the account's sessions and tokens. */
    void setPassword(UUID id, String password) {
        jdbc.sql("SELECT set_password(:id, :password)")
                .param("id", id)
                .param("password", password)
                .query(Boolean.class)
                .single();
    }

    /** The accounts' state as the administrator may see it; the database refuses anyone else. */
    List<AccountState> states(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM account_states(CAST(:ids AS uuid[]))")
                .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> new AccountState(
                        rs.getObject("user_id", UUID.class),
                        rs.getBoolean("activated"),
                        rs.getString("link_purpose"),
                        OfficeTime.inOffice(rs.getObject("link_expires_at", OffsetDateTime.class)),
                        OfficeTime.inOffice(rs.getObject("locked_until", OffsetDateTime.class)),
                        rs.getBoolean("second_factor")))
                .list();
    }

    private static UserView view(ResultSet rs, int n) throws SQLException {
        return new UserView(
                rs.getObject("id", UUID.class),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("role"),
                rs.getBoolean("is_active"),
                rs.getObject("created_at", OffsetDateTime.class));
    }
}
