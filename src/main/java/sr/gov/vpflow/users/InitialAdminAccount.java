package sr.gov.vpflow.users;

import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.SecretFiles;

/**
 * On the very first start, when there is no account at all, creates the account {@code admin}
 * with a random password, writes that password once to {@code <data dir>/initial-admin-password}
 * (readable by the owner only) and prints where it is (the console of a service is its log).
 */
@Component
class InitialAdminAccount implements ApplicationRunner {

    static final String USERNAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(InitialAdminAccount.class);

    private final UserService users;
    private final Operators operators;
    private final Path passwordFile;
    private final PrintStream console;

    InitialAdminAccount(UserService users, Operators operators, VpFlowProperties properties) {
        this.users = users;
        this.operators = operators;
        this.passwordFile = properties.dataDir().resolve("initial-admin-password");
        this.console = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        operators.runAs(Role.ADMIN, "system", this::createIfNoAccountExists);
    }

    private void createIfNoAccountExists() {
        if (users.anyAccountExists()) {
            return;
        }
        String password = SecretFiles.randomSecret(20);
        try {
            users.create(new NewUser(USERNAME, "Administrator", Role.ADMIN.code(), password));
        } catch (DuplicateKeyException e) {
            return; // another instance created it at the same moment
        } catch (UserException e) {
            if ("username_taken".equals(e.code())) {
                return;
            }
            throw e;
        }
        SecretFiles.writeNew(passwordFile, password);
        log.info("created the initial administrator account; its password is in {}", passwordFile);
        console.println();
        console.println("  VP-Flow: the first administrator account has been created.");
        console.println("    username: " + USERNAME);
        console.println("    password: in " + passwordFile.toAbsolutePath() + " (readable by you only)");
        console.println("  Sign in, create the accounts of the office, and keep this password safe.");
        console.println();
    }
}
