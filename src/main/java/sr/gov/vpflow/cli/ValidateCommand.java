package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.governance.Checklist;
import sr.gov.vpflow.governance.ValidationReport;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the migration plan's validation checklist on the database as it is: every v1.0 query",
            "runs as its role; the schema is the one recorded in the newest restore point of its version;",
            "row-level security is enabled and forced on every table and holds cell by cell as in the RLS",
            "matrix; no orphaned foreign key or document link; the audit log accepts the new event types;",
            "fsync, full_page_writes and synchronous_commit are on (committed means on disk).",
            "Changes nothing: every probe runs in a transaction that is rolled back.",
            "Exit status: 0 every item holds; 3 an item fails."
        })
class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return Cli.withApplication(context -> {
            ValidationReport report = context.getBean(Checklist.class).validate(err::println);
            if (json) {
                out.println(context.getBean(JsonMapper.class).writeValueAsString(report));
            } else {
                print(out, report);
            }
            out.flush();
            return report.passed() ? 0 : 3;
        });
    }

    static void print(PrintWriter out, ValidationReport report) {
        String group = null;
        for (ValidationReport.Item i : report.items()) {
            if (!i.checklist().equals(group)) {
                group = i.checklist();
                out.println(group);
            }
            out.printf(
                    "  [%s] %s: %s (%d ms)%n",
                    i.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    i.check(),
                    i.detail(),
                    i.durationMs());
            i.findings().forEach(f -> out.println("      " + f));
        }
        out.println(
                report.passed()
                        ? "valid: every item holds"
                        : "NOT VALID: " + report.failed().size() + " items fail");
    }
}
