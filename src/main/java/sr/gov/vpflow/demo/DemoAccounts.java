package sr.gov.vpflow.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.SecretFiles;
import sr.gov.vpflow.users.NewUser;
import sr.gov.vpflow.users.UserService;
import sr.gov.vpflow.users.UserView;

/**
 * The two accounts a newcomer signs in with, created by the user service as the administrator
 * would, with random passwords kept once in {@code <data dir>/demo-passwords} (owner-only).
 */
final class DemoAccounts {

    static final String VP = "demo-vp";
    static final String SECRETARY = "demo-secretary";
    static final String FILE = "demo-passwords";

    /** An account made for the demo and its password. */
    record Account(UserView user, String password) {}

    private final UserService users;
    private final Operators operators;
    private final Path passwordFile;

    DemoAccounts(UserService users, Operators operators, Path dataDir) {
        this.users = users;
        this.operators = operators;
        this.passwordFile = dataDir.resolve(FILE);
    }

    Path passwordFile() {
        return passwordFile;
    }

    /** Why the accounts cannot be made now, if they cannot. */
    Optional<String> obstacle() {
        if (Files.exists(passwordFile)) {
            return Optional.of(passwordFile + " exists already");
        }
        return operators.callAs(Role.ADMIN, DemoData.CHANNEL, () -> {
            for (String username : new String[] {VP, SECRETARY}) {
                if (users.findByUsername(username).isPresent()) {
                    return Optional.of("the account " + username + " exists already");
                }
            }
            return Optional.empty();
        });
    }

    Account vp() {
        return create(VP, "Demo Vicepresident", Role.VP);
    }

    Account secretary() {
        return create(SECRETARY, "Demo Secretaresse", Role.SECRETARY);
    }

    /** Writes both passwords, once; the file is never overwritten. */
    void keep(Account vp, Account secretary) {
        String content = vp.user().username() + " " + vp.password() + System.lineSeparator()
                + secretary.user().username() + " " + secretary.password();
        if (!SecretFiles.writeNew(passwordFile, content)) {
            throw new IllegalStateException(passwordFile + " appeared while the demo accounts were made");
        }
    }

    private Account create(String username, String displayName, Role role) {
        String password = SecretFiles.randomSecret(20);
        UserView user = operators.callAs(
                Role.ADMIN,
                DemoData.CHANNEL,
                () -> users.create(new NewUser(username, displayName, role.code(), password)));
        return new Account(user, password);
    }
}
