package sr.gov.vpflow.platform.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;
import sr.gov.vpflow.platform.Role;

/** The signed-in user, as kept in the session. {@link #getName()} is the username. */
public record CurrentUser(UUID id, String username, String displayName, Role role) implements Principal, Serializable {

    @Override
    public String getName() {
        return username;
    }
}
