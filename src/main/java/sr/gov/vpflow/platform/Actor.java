package sr.gov.vpflow.platform;

import java.util.Objects;
import java.util.UUID;

/**
 * Who a transaction acts for, and the secret that proves it: every transaction on the
 * application's pool presents {@link #token()} to the database, which verifies it and from then
 * on stamps, permits and refuses as the user (or the system role) it proves. The id and role here
 * are the application's view of that proof, for its own decisions; the database trusts only the token.
 *
 * @param userId  the account, or null for the system itself (start-up, the command line)
 * @param role    the role whose rights apply
 * @param channel how the action came in: web, api, cli, demo or system
 * @param token   the proof
 */
public record Actor(UUID userId, Role role, String channel, AccessToken token) {

    public Actor {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(token, "token");
    }

    public boolean isSystem() {
        return userId == null;
    }
}
