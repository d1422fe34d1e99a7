package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.governance.Approval;
import sr.gov.vpflow.governance.MigrationPlan;
import sr.gov.vpflow.governance.MigrationPlans;
import sr.gov.vpflow.governance.MigrationReport;
import sr.gov.vpflow.governance.MigrationRequest;
import sr.gov.vpflow.governance.MigrationRunner;
import sr.gov.vpflow.platform.ProblemException;

@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a governed migration plan in the mandatory order of the migration plan:",
            "  1. preconditions: the plan and the RLS matrix (DOC 9) approved, restore points possible,",
            "     the audit log intact; refused otherwise, before anything changes;",
            "  2. a restore point (pre-migration);",
            "  3-5. the plan's migrations, each in its own short transaction;",
            "  6. validation: every v1.0 query returns what it returned before, every v1.0 record is",
            "     unchanged, row-level security holds cell by cell, no orphaned reference, the audit log",
            "     accepts the new event types;",
            "  7. a restore point (post-schema).",
            "If a step fails, the plan is rolled back logically: new tables are dropped only if they hold",
            "no rows, enum values stay, no row is deleted, the database stays valid under v1.0.",
            "The report (text and JSON) is written to <data dir>/reports and the run to the audit log.",
            "Run again on a migrated database, it changes nothing and says so.",
            "Exit status: 0 migrated, already applied or dry run; 1 refused; 3 failed (rolled back)."
        })
class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--plan",
            defaultValue = "v1.1-A",
            paramLabel = "PLAN",
            description = "The migration plan (default: ${DEFAULT-VALUE}).")
    String plan;

    @Option(
            names = "--approve-plan",
            paramLabel = "APPROVER|REFERENCE|YYYY-MM-DD",
            description = "The approval of the migration plan: who approved it, the reference of the"
                    + " approval record, and the date.")
    String planApproval;

    @Option(
            names = "--approve-rls",
            paramLabel = "APPROVER|REFERENCE|YYYY-MM-DD",
            description = "The approval of the RLS matrix (DOC 9, docs/rls-matrix.md) the same way.")
    String rlsApproval;

    @Option(names = "--dry-run", description = "Show the plan and check its preconditions; change nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the report as JSON (progress goes to standard error).")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MigrationPlan chosen = MigrationPlans.named(plan)
                .orElseThrow(() -> ProblemException.badRequest(
                        "unknown_plan",
                        "There is no migration plan '" + plan + "'; this build knows "
                                + String.join(
                                        ", ",
                                        MigrationPlans.all().stream()
                                                .map(MigrationPlan::name)
                                                .toList())
                                + "."));
        Approval planApproved = approval("--approve-plan", planApproval);
        Approval rlsApproved = approval("--approve-rls", rlsApproval);
        return Cli.withApplication(context -> {
            MigrationReport report = context.getBean(MigrationRunner.class)
                    .run(
                            MigrationRequest.byOperator(chosen, planApproved, rlsApproved, dryRun),
                            line -> err.println(line));
            out.print(json ? report.json() + System.lineSeparator() : report.text());
            if (!report.reportFiles().isEmpty()) {
                err.println("report: " + String.join(", ", report.reportFiles()));
            }
            out.flush();
            return switch (report.outcome()) {
                case MIGRATED, ALREADY_APPLIED, DRY_RUN -> 0;
                case REFUSED -> 1;
                case ROLLED_BACK, FAILED -> 3;
            };
        });
    }

    private static Approval approval(String option, String text) {
        try {
            return Approval.parse(text).orElse(null);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_approval", option + ": " + e.getMessage());
        }
    }
}
