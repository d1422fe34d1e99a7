package sr.gov.vpflow.platform;

import java.util.Objects;
import java.util.UUID;

/**
 * Who a transaction acts for. Every transaction on the application's pool switches to the
 * actor's database role and records the actor's id and role, so row-level security and the
 * audit trigger see them.
 *
 * @param userId  the account, or null for the system itself (start-up, command line without a user)
 * @param role    the role whose rights apply, or null while a login is being checked
 * @param channel how the action came in: web, api, cli or system
 */
public record Actor(UUID userId, Role role, String channel) {

    public Actor {
        Objects.requireNonNull(channel, "channel");
    }

    public static Actor user(UUID userId, Role role, String channel) {
        return new Actor(Objects.requireNonNull(userId, "userId"), Objects.requireNonNull(role, "role"), channel);
    }

    /** The system acting with a role's rights, as for the command line or start-up tasks. */
    public static Actor system(Role role, String channel) {
        return new Actor(null, Objects.requireNonNull(role, "role"), channel);
    }

    /** Checking a login: may read accounts, count failures and audit the attempt, nothing else. */
    public static Actor loginCheck() {
        return new Actor(null, null, "login");
    }

    public String databaseRole() {
        return role == null ? "vpflow_login" : role.databaseRole();
    }

    public String auditRole() {
        return role == null ? "system" : role.code();
    }
}
