package sr.gov.vpflow.platform.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Identities;

/** The signed-in user, as the database recognised them at the start of the request. {@link #getName()} is the username. */
public record CurrentUser(UUID id, String username, String displayName, Role role) implements Principal, Serializable {

    static CurrentUser of(Identities.Identity identity) {
        return new CurrentUser(identity.userId(), identity.username(), identity.displayName(), identity.role());
    }

    /**
     * The administrator, or a refusal (403) for anyone else: the pages of accounts and of the
     * system show nothing to the office's roles, not even that there is something to see.
     */
    public static CurrentUser requireAdministrator(CurrentUser user) {
        if (user == null || user.role() != Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "Only the administrator manages accounts and the system.");
        }
        return user;
    }

    @Override
    public String getName() {
        return username;
    }
}
