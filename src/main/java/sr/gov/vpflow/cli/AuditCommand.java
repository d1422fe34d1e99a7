package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.audit.AuditVerification;
import sr.gov.vpflow.audit.AuditVerifier;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Works with the audit log.",
        subcommands = AuditCommand.Verify.class)
class AuditCommand extends CommandGroup {

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Recomputes the audit log's hash chain and names the first row that was changed,",
                "removed or inserted out of order. Exit status 0: intact; 3: broken."
            })
    static class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return Cli.withApplication(context -> {
                AuditVerification result = context.getBean(Operators.class)
                        .callAs(
                                Role.ADMIN,
                                "cli",
                                () -> context.getBean(AuditVerifier.class).verify());
                if (json) {
                    out.println(context.getBean(JsonMapper.class).writeValueAsString(result));
                } else if (result.valid()) {
                    out.printf("audit log intact: %d rows checked%n", result.checked());
                } else {
                    AuditVerification.BrokenRow broken = result.firstBroken();
                    out.printf(
                            "audit log BROKEN: %d rows checked; first broken row is number %d (%s)%s%n",
                            result.checked(),
                            broken.seq(),
                            broken.reason(),
                            broken.id() == null
                                    ? ""
                                    : ", id " + broken.id() + ", " + broken.eventType() + " at " + broken.occurredAt());
                }
                return result.valid() ? 0 : 3;
            });
        }
    }
}
