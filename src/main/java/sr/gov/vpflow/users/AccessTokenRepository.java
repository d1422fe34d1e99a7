package sr.gov.vpflow.users;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * A user's own tokens, through the database's functions: they act for the user the transaction's
 * token proves and nobody else, make the secrets, keep only their hashes and audit every change.
 */
@Repository
class AccessTokenRepository {

    private final JdbcClient jdbc;

    AccessTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    NewAccessToken create(String name, OffsetDateTime expiresAt) {
        return jdbc.sql("SELECT id, token, created_at, expires_at FROM create_api_token(:name, :expiresAt)")
                .param("name", name)
                .param("expiresAt", expiresAt)
                .query((rs, n) -> new NewAccessToken(
                        rs.getObject("id", UUID.class),
                        name,
                        rs.getString("token"),
                        OfficeTime.inOffice(rs.getObject("created_at", OffsetDateTime.class)),
                        OfficeTime.inOffice(rs.getObject("expires_at", OffsetDateTime.class))))
                .single();
    }

    List<AccessTokenView> list() {
        return jdbc.sql("SELECT id, name, created_at, expires_at, last_used_at FROM list_api_tokens()")
                .query((rs, n) -> new AccessTokenView(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        OfficeTime.inOffice(rs.getObject("created_at", OffsetDateTime.class)),
                        OfficeTime.inOffice(rs.getObject("expires_at", OffsetDateTime.class)),
                        OfficeTime.inOffice(rs.getObject("last_used_at", OffsetDateTime.class))))
                .list();
    }

    boolean revoke(UUID id) {
        return jdbc.sql("SELECT revoke_api_token(:id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    String rotateFeed() {
        return jdbc.sql("SELECT rotate_feed_token()").query(String.class).single();
    }

    Optional<FeedView> feed() {
        return jdbc.sql("SELECT created_at, last_used_at FROM feed_token_status()")
                .query((rs, n) -> new FeedView(
                        true,
                        OfficeTime.inOffice(rs.getObject("created_at", OffsetDateTime.class)),
                        OfficeTime.inOffice(rs.getObject("last_used_at", OffsetDateTime.class))))
                .optional();
    }
}
