package sr.gov.vpflow.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.TokenKind;
import sr.gov.vpflow.platform.db.Identities;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.users.NewUser;
import sr.gov.vpflow.users.UserService;
import sr.gov.vpflow.users.UserView;

/**
 * Creates accounts with unique names through the real user service, as the administrator (the
 * system's operator token), and lets tests act as them the only way anyone can: by signing in
 * with the password, which the database checks, and presenting the token it issues.
 */
@Component
public class TestAccounts {

    private final UserService users;
    private final Operators operators;
    private final Identities identities;
    private final OwnerDatabase owner;

    TestAccounts(UserService users, Operators operators, Identities identities, OwnerDatabase owner) {
        this.users = users;
        this.operators = operators;
        this.identities = identities;
        this.owner = owner;
    }

    /** The accounts of an application of its own ({@link StandaloneApplication}). */
    public static TestAccounts of(ConfigurableApplicationContext app) {
        return new TestAccounts(
                app.getBean(UserService.class),
                app.getBean(Operators.class),
                app.getBean(Identities.class),
                app.getBean(OwnerDatabase.class));
    }

    public Account create(Role role) {
        return create(role, role.code() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public Account create(Role role, String username) {
        String password = "Pw-" + UUID.randomUUID();
        UserView view = operators.callAs(
                Role.ADMIN,
                "cli",
                () -> users.create(new NewUser(username, "Test " + username, role.code(), password)));
        if (!view.isActive()) {
            // a further Vice President waits for another's approval (the four-eyes rule, tested in
            // AccountRequestsIT); a fixture stands for an office that has them, so the owner, who is
            // outside that rule, decides the request and enables the account
            try (Connection c = owner.dataSource().getConnection();
                    PreparedStatement approve = c.prepareStatement(
                            "UPDATE vpflow.account_requests SET status = 'approved', decided_at = now(), applied_at = now(),"
                                    + " decision_reason = 'an office with several Vice Presidents (test fixture)',"
                                    + " decided_by = (SELECT id FROM vpflow.users WHERE role = 'vp' AND is_active"
                                    + " ORDER BY created_at LIMIT 1) WHERE user_id = ? AND status = 'pending'");
                    PreparedStatement enable =
                            c.prepareStatement("UPDATE vpflow.users SET is_active = true WHERE id = ?")) {
                approve.setObject(1, view.id());
                approve.executeUpdate();
                enable.setObject(1, view.id());
                enable.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Account(view.id(), view.username(), password, role, view.displayName());
    }

    /**
     * The account's proof for one piece of work: a single-request token issued by the database for
     * its password. End it with {@link #end(Actor)} (or use {@link #as}).
     */
    public Actor signIn(Account account, String channel) {
        Identities.SignedIn signedIn = identities
                .signIn(account.username(), account.password(), TokenKind.BASIC, channel)
                .orElseThrow(() -> new IllegalStateException(account.username() + " cannot sign in"));
        return new Actor(account.id(), account.role(), channel, signedIn.token());
    }

    public void end(Actor actor) {
        identities.end(actor.token());
    }

    /** Runs work as the account, signed in for it alone. */
    public <T> T as(Account account, Supplier<T> work) {
        Actor actor = signIn(account, "web");
        try {
            return ActorContext.callAs(actor, work);
        } finally {
            end(actor);
        }
    }

    /** Runs work as the system with a role's rights, as the command line and start-up do. */
    public <T> T asSystem(Role role, Supplier<T> work) {
        return operators.callAs(role, "cli", work);
    }

    public record Account(UUID id, String username, String password, Role role, String displayName) {}
}
