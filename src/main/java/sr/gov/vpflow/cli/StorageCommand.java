package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.documents.DocumentStore;
import sr.gov.vpflow.documents.StorageCheck;
import sr.gov.vpflow.governance.RestorePoints;
import sr.gov.vpflow.platform.ProblemException;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "storage",
        mixinStandardHelpOptions = true,
        description = "Works with the document store (VPFLOW_STORAGE_DIR, default $VPFLOW_DATA_DIR/documents).",
        subcommands = {StorageCommand.Verify.class, StorageCommand.Collect.class})
class StorageCommand extends CommandGroup {

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Reads the content of every active document in the store again and compares it with",
                "its SHA-256; lists what is missing or corrupt, and the content that no document record names",
                "(storage gc removes that). Changes nothing; works while the server runs.",
                "Exit status 0: every document's content intact; 3: problems found."
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
                StorageCheck.Result result = context.getBean(StorageCheck.class).verify();
                if (json) {
                    out.println(context.getBean(JsonMapper.class).writeValueAsString(result));
                } else {
                    for (StorageCheck.Problem p : result.problems()) {
                        out.printf(
                                "%s document %s: %s (%d bytes)%n",
                                p.problem().toUpperCase(java.util.Locale.ROOT), p.documentId(), p.address(), p.size());
                    }
                    for (DocumentStore.Stored c : result.unreferenced()) {
                        out.printf("UNREFERENCED %s (%d bytes, stored %s)%n", c.address(), c.size(), c.storedAt());
                    }
                    out.printf(
                            "%s: %d documents checked, %d bytes read, %d missing or corrupt, %d contents named by no"
                                    + " record%n",
                            result.intact() ? "document store intact" : "document store DAMAGED",
                            result.checked(),
                            result.bytes(),
                            result.problems().size(),
                            result.unreferenced().size());
                }
                return result.intact() ? 0 : 3;
            });
        }
    }

    @Command(
            name = "gc",
            mixinStandardHelpOptions = true,
            description = {
                "Finds the content in the store that no document record names (an upload cut off between",
                "storing its content and committing its record; the uploads a restore undid) and, with",
                "--delete, removes what is older than the grace period and named by no restore point either.",
                "Without --delete it only lists what would go. A removal is recorded in the audit log.",
                "Works while the server runs."
            })
    static class Collect implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--older-than",
                paramLabel = "HOURS",
                defaultValue = "24",
                description = "Only content stored at least this many hours ago (default ${DEFAULT-VALUE}).")
        long hours;

        @Option(names = "--delete", description = "Remove it; without this, a dry run.")
        boolean delete;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            if (hours < 0) {
                throw ProblemException.badRequest("invalid_parameter", "--older-than is a number of hours, 0 or more.");
            }
            PrintWriter out = spec.commandLine().getOut();
            return Cli.withApplication(context -> {
                Set<String> inRestorePoints =
                        context.getBean(RestorePoints.class).contentAddresses();
                StorageCheck.Collection result = context.getBean(StorageCheck.class)
                        .collect(inRestorePoints, Duration.ofHours(hours), delete, "cli");
                if (json) {
                    out.println(context.getBean(JsonMapper.class).writeValueAsString(result));
                    return 0;
                }
                for (DocumentStore.Stored c : result.garbage()) {
                    out.printf(
                            "%s %s (%d bytes)%n", result.removed() ? "removed" : "would remove", c.address(), c.size());
                }
                out.printf(
                        "%s %d contents (%d bytes) that no record names; kept %d younger than %d hours and %d that a"
                                + " restore point names%s%n",
                        result.removed() ? "removed" : "dry run: would remove",
                        result.garbage().size(),
                        result.bytes(),
                        result.young(),
                        hours,
                        result.inRestorePoints(),
                        result.removed() || result.garbage().isEmpty() ? "" : " (remove them with --delete)");
                return 0;
            });
        }
    }
}
