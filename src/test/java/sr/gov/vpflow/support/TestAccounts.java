package sr.gov.vpflow.support;

import java.util.UUID;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.users.NewUser;
import sr.gov.vpflow.users.UserService;
import sr.gov.vpflow.users.UserView;

/** Creates accounts with unique names through the real user service, as the administrator. */
@Component
public class TestAccounts {

    private final UserService users;

    TestAccounts(UserService users) {
        this.users = users;
    }

    public Account create(Role role) {
        return create(role, role.code() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public Account create(Role role, String username) {
        String password = "Pw-" + UUID.randomUUID();
        UserView view = ActorContext.callAs(
                Actor.system(Role.ADMIN, "cli"),
                () -> users.create(new NewUser(username, "Test " + username, role.code(), password)));
        return new Account(view.id(), view.username(), password, role, view.displayName());
    }

    public record Account(UUID id, String username, String password, Role role, String displayName) {}
}
