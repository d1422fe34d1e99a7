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

@Repository
class UserRepository {

    private static final String VIEW_COLUMNS = "id, username, display_name, role, is_active, created_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID insert(String username, String displayName, Role role, String passwordHash) {
        return jdbc.sql("""
                        INSERT INTO users (username, display_name, role, password_hash)
                        VALUES (:username, :displayName, CAST(:role AS app_role), :hash)
                        RETURNING id""")
                .param("username", username)
                .param("displayName", displayName)
                .param("role", role.code())
                .param("hash", passwordHash)
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

    /** A new password also lifts any login throttle. */
    void setPassword(UUID id, String hash) {
        jdbc.sql("UPDATE users SET password_hash = :hash, failed_logins = 0, locked_until = NULL WHERE id = :id")
                .param("id", id)
                .param("hash", hash)
                .update();
    }

    Optional<LoginAccount> findForLogin(String username) {
        return jdbc.sql("""
                        SELECT id, username, display_name, role, password_hash, is_active,
                               locked_until IS NOT NULL AND locked_until > now() AS locked
                        FROM users WHERE lower(username) = lower(:username)""")
                .param("username", username)
                .query((rs, n) -> new LoginAccount(
                        rs.getObject("id", UUID.class),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        Role.fromCode(rs.getString("role")).orElseThrow(),
                        rs.getString("password_hash"),
                        rs.getBoolean("is_active"),
                        rs.getBoolean("locked")))
                .optional();
    }

    /** Counts a failure; from the limit on, each further failure locks the account twice as long. */
    void recordFailure(UUID id, int maxFailures, int firstLockSeconds, int maxLockSeconds) {
        jdbc.sql("""
                        UPDATE users SET
                            failed_logins = failed_logins + 1,
                            locked_until = CASE WHEN failed_logins + 1 >= :max
                                THEN now() + make_interval(secs => least(:maxLock,
                                         :firstLock * power(2, least(failed_logins + 1 - :max, 20))))
                                ELSE locked_until END
                        WHERE id = :id""")
                .param("id", id)
                .param("max", maxFailures)
                .param("firstLock", firstLockSeconds)
                .param("maxLock", maxLockSeconds)
                .update();
    }

    void recordSuccess(UUID id) {
        jdbc.sql("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = :id")
                .param("id", id)
                .update();
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

    record LoginAccount(
            UUID id,
            String username,
            String displayName,
            Role role,
            String passwordHash,
            boolean active,
            boolean locked) {}
}
