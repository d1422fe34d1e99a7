package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.audit.AuditVerification;
import sr.gov.vpflow.audit.AuditVerifier;
import sr.gov.vpflow.audit.CheckpointCheck;
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
                "removed or inserted out of order, then compares it with the signed checkpoints kept",
                "outside the database (VPFLOW_AUDIT_CHECKPOINT_DIR): an event changed before a",
                "checkpoint is named even if every later hash was recomputed; events lost after the",
                "newest checkpoint are counted; a checkpoint whose signature fails is reported.",
                "Exit status 0: intact; 3: broken."
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
                    return result.valid() ? 0 : 3;
                }
                CheckpointCheck checkpoints = result.checkpoints();
                String newest = checkpoints.newest() == null
                        ? ""
                        : ", the newest at row " + checkpoints.newest().seq() + " of "
                                + checkpoints.newest().at();
                if (result.valid()) {
                    out.printf(
                            "audit log intact: %d rows checked, %d signed checkpoints hold%s%n",
                            result.checked(), checkpoints.checked(), newest);
                    return 0;
                }
                if (result.firstBroken() != null) {
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
                for (CheckpointCheck.Problem p : checkpoints.problems()) {
                    out.printf(
                            "CHECKPOINT %s%s: %s%n",
                            p.problem(),
                            p.seq() == null
                                    ? ""
                                    : " at row " + p.seq()
                                            + (p.eventType() == null
                                                    ? ""
                                                    : " (" + p.eventType() + " at " + p.occurredAt() + ")"),
                            p.detail());
                }
                out.printf(
                        "audit log NOT intact: %d rows checked, %d signed checkpoints compared%s%n",
                        result.checked(), checkpoints.checked(), newest);
                return result.valid() ? 0 : 3;
            });
        }
    }
}
