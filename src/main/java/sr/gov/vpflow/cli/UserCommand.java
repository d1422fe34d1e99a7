package sr.gov.vpflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.users.AccountChange;
import sr.gov.vpflow.users.AccountInvitation;
import sr.gov.vpflow.users.AccountRequestView;
import sr.gov.vpflow.users.NewUser;
import sr.gov.vpflow.users.UserService;
import sr.gov.vpflow.users.UserView;

@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = "Manages accounts as the administrator. Every change is audited.",
        subcommands = {
            UserCommand.Add.class,
            UserCommand.Passwd.class,
            UserCommand.Disable.class,
            UserCommand.Reset.class,
            UserCommand.Enable.class,
            UserCommand.ChangeRole.class,
            UserCommand.ResetSecondFactor.class,
            UserCommand.ListUsers.class
        })
class UserCommand extends CommandGroup {

    static <T> T asAdministrator(java.util.function.Function<UserService, T> work) {
        return Cli.withApplication(context -> context.getBean(Operators.class)
                .callAs(Role.ADMIN, "cli", () -> work.apply(context.getBean(UserService.class))));
    }

    /** The account by its username, or a clear refusal. */
    static UserView account(UserService users, String username) {
        return users.findByUsername(username).orElseThrow(() -> ProblemException.notFound("user " + username));
    }

    static String readPassword(CommandSpec spec, boolean fromStdin) {
        if (fromStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return line == null ? "" : line;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the password from standard input", e);
            }
        }
        java.io.Console console = System.console();
        if (console == null) {
            throw ProblemException.badRequest(
                    "password_required", "No terminal to ask for the password: use --password-stdin.");
        }
        char[] first = console.readPassword("New password: ");
        char[] second = console.readPassword("Repeat it: ");
        if (first == null || second == null || !new String(first).equals(new String(second))) {
            throw ProblemException.badRequest("password_mismatch", "The two passwords differ.");
        }
        return new String(first);
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Creates an account. With no active Vice President, a vp account made here is the first",
                "one and active at once; after that a new vp account stays disabled until another",
                "Vice President approves its activation (VP-Flow, Account requests)."
            })
    static class Add implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USERNAME", description = "2 to 64 letters, digits, '.', '-' or '_'.")
        String username;

        @Option(names = "--display-name", required = true, description = "The name shown in VP-Flow.")
        String displayName;

        @Option(names = "--role", required = true, description = "vp, secretary or admin.")
        String role;

        @Option(
                names = "--password-stdin",
                description = {
                    "Read the password from the first line of standard input (the operator's own accounts,",
                    "provisioning). Without it, an activation link is printed to hand over."
                })
        boolean passwordStdin;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!passwordStdin) {
                // nobody knows another's password: the person chooses theirs with the link
                AccountInvitation invited = Cli.withApplication(context -> context.getBean(Operators.class)
                        .callAs(
                                Role.ADMIN,
                                "cli",
                                () -> context.getBean(UserService.class)
                                        .invite(new NewUser(username, displayName, role, null), publicUrl(context))));
                printCreated(out, invited.user());
                out.printf(
                        "activation link (hand it over; it works once, until %s):%n  %s%n",
                        invited.activation().expiresAt(), invited.activation().url());
                if (invited.requested()) {
                    out.printf(
                            "the account stays disabled until another Vice President approves request %s%n",
                            invited.request().id());
                }
                return 0;
            }
            String password = readPassword(spec, true);
            AccountChange change =
                    asAdministrator(users -> users.createAccount(new NewUser(username, displayName, role, password)));
            printCreated(out, change.user());
            if (change.requested()) {
                out.printf(
                        "the account stays disabled until another Vice President approves request %s%n",
                        change.request().id());
            }
            return 0;
        }

        private static void printCreated(PrintWriter out, UserView created) {
            out.printf(
                    "created %s (%s, %s) with id %s%n",
                    created.username(), created.displayName(), created.role(), created.id());
        }
    }

    @Command(
            name = "enable",
            mixinStandardHelpOptions = true,
            description = "Enables a disabled account; a Vice President's waits for another Vice President's approval.")
    static class Enable implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            AccountChange change = asAdministrator(
                    users -> users.enable(account(users, username).id()));
            printChange(spec.commandLine().getOut(), username, "enabled", change);
            return 0;
        }
    }

    @Command(
            name = "role",
            mixinStandardHelpOptions = true,
            description = "Changes an account's role; to or from vp it waits for a Vice President's approval.")
    static class ChangeRole implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Parameters(index = "1", paramLabel = "ROLE", description = "vp, secretary or admin.")
        String role;

        @Override
        public Integer call() {
            AccountChange change = asAdministrator(
                    users -> users.changeRole(account(users, username).id(), role));
            printChange(
                    spec.commandLine().getOut(),
                    username,
                    "now has the role " + change.user().role(),
                    change);
            return 0;
        }
    }

    @Command(
            name = "reset-second-factor",
            mixinStandardHelpOptions = true,
            description = {
                "Resets an account's second factor (a lost phone): the app is set up again at the next",
                "sign-in. A Vice President's waits for another Vice President's approval."
            })
    static class ResetSecondFactor implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            AccountChange change = asAdministrator(
                    users -> users.resetSecondFactor(account(users, username).id()));
            printChange(
                    spec.commandLine().getOut(),
                    username,
                    "sets up the second factor again at the next sign-in",
                    change);
            return 0;
        }
    }

    static void printChange(PrintWriter out, String username, String done, AccountChange change) {
        if (change.requested()) {
            out.printf(
                    "request %s filed: it takes effect when a Vice President approves it%n",
                    change.request().id());
        } else {
            out.printf("%s %s%n", username, done);
        }
    }

    @Command(
            name = "reset",
            mixinStandardHelpOptions = true,
            description = {
                "Makes a one-time activation link (72 hours) on which the account's owner chooses a new",
                "password; earlier links stop working. A Vice President's works once another approves."
            })
    static class Reset implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            AccountInvitation reset = Cli.withApplication(context -> context.getBean(Operators.class)
                    .callAs(Role.ADMIN, "cli", () -> {
                        UserService users = context.getBean(UserService.class);
                        UserView user = account(users, username);
                        return users.reset(user.id(), publicUrl(context));
                    }));
            PrintWriter out = spec.commandLine().getOut();
            out.printf(
                    "activation link for %s (hand it over; it works once, until %s):%n  %s%n",
                    username, reset.activation().expiresAt(), reset.activation().url());
            if (reset.requested()) {
                out.printf(
                        "it works once another Vice President approves request %s%n",
                        reset.request().id());
            }
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Sets a new password for an account.")
    static class Passwd implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            String password = readPassword(spec, passwordStdin);
            Optional<AccountRequestView> filed = asAdministrator(users -> {
                UserView user = account(users, username);
                return users.changePassword(user.id(), password);
            });
            if (filed.isPresent()) {
                spec.commandLine()
                        .getOut()
                        .printf(
                                "the new password of %s takes effect when another Vice President approves request %s%n",
                                username, filed.get().id());
            } else {
                spec.commandLine().getOut().printf("password of %s changed%n", username);
            }
            return 0;
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Disables an account and ends its sessions.")
    static class Disable implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USERNAME")
        String username;

        @Override
        public Integer call() {
            asAdministrator(users -> {
                UserView user = account(users, username);
                return users.disable(user.id());
            });
            spec.commandLine().getOut().printf("%s disabled%n", username);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts.")
    static class ListUsers implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            asAdministrator(users -> {
                String cursor = null;
                do {
                    Page<UserView> page = users.list(cursor, Page.MAX_LIMIT);
                    page.items()
                            .forEach(u -> out.printf(
                                    "%-24s %-10s %-8s %s%n",
                                    u.username(), u.role(), u.isActive() ? "active" : "disabled", u.displayName()));
                    cursor = page.nextCursor();
                } while (cursor != null);
                return null;
            });
            return 0;
        }
    }

    /** VPFLOW_PUBLIC_URL, or this machine's address and port. */
    static String publicUrl(org.springframework.context.ConfigurableApplicationContext context) {
        String configured = context.getEnvironment().getProperty("vpflow.public-url", "");
        return configured.isBlank()
                ? "http://localhost:" + context.getEnvironment().getProperty("server.port", "8080")
                : configured.replaceAll("/+$", "");
    }
}
