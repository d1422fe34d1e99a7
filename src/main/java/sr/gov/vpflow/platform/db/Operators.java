package sr.gov.vpflow.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.AccessToken;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Role;

/**
 * The system acting with a role's rights: start-up (the first administrator, demo data), the
 * governed migration and the operator's commands. Only the database's owner may issue such a
 * token, so only a process that holds the owner's credentials (this server, the command line on
 * the server) can act for the system; a request, or SQL on the application's pool, cannot. Each
 * token lives for one piece of work and is removed after it.
 */
@Component
public class Operators {

    private static final int LIFETIME_SECONDS = 3600;

    private final OwnerDatabase owner;

    public Operators(OwnerDatabase owner) {
        this.owner = owner;
    }

    /** A token of the system acting as {@code role}, until {@link Operator#close()}. */
    public Operator open(Role role, String channel) {
        return open(role, channel, null);
    }

    /**
     * A token of the system for one named purpose, which the database may recognise (the RLS
     * matrix check's probe accounts, "rls-check").
     */
    public Operator open(Role role, String channel, String purpose) {
        DataSource ds = owner.dataSource("operator", null);
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        purpose == null
                                ? "SELECT vpflow.issue_operator_token(CAST(? AS vpflow.app_role), ?)"
                                : "SELECT vpflow.issue_operator_token(CAST(? AS vpflow.app_role), ?, ?)")) {
            ps.setString(1, role.code());
            ps.setInt(2, LIFETIME_SECONDS);
            if (purpose != null) {
                ps.setString(3, purpose);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Operator(new Actor(null, role, channel, new AccessToken(rs.getString(1))), ds);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot issue an operator token: " + e.getMessage(), e);
        }
    }

    /** Runs work as the system with a role's rights; the token ends with it. */
    public <T> T callAs(Role role, String channel, Supplier<T> work) {
        try (Operator operator = open(role, channel)) {
            return ActorContext.callAs(operator.actor(), work);
        }
    }

    public void runAs(Role role, String channel, Runnable work) {
        callAs(role, channel, () -> {
            work.run();
            return null;
        });
    }

    /** An operator token in use; closing removes it from the database. */
    public static final class Operator implements AutoCloseable {

        private final Actor actor;
        private final DataSource owner;

        private Operator(Actor actor, DataSource owner) {
            this.actor = actor;
            this.owner = owner;
        }

        public Actor actor() {
            return actor;
        }

        @Override
        public void close() {
            try (Connection c = owner.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM vpflow.access_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8'))")) {
                ps.setString(1, actor.token().value());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot remove an operator token: " + e.getMessage(), e);
            }
        }
    }
}
