package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.documents.StorageCheck;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "storage",
        mixinStandardHelpOptions = true,
        description = "Works with the document store (VPFLOW_STORAGE_DIR, default $VPFLOW_DATA_DIR/documents).",
        subcommands = StorageCommand.Verify.class)
class StorageCommand extends CommandGroup {

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Reads the content of every active document in the store again and compares it with",
                "its SHA-256; lists what is missing or corrupt. Changes nothing; works while the server runs.",
                "Exit status 0: every content intact; 3: problems found."
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
                    out.printf(
                            "%s: %d documents checked, %d bytes read, %d missing or corrupt%n",
                            result.intact() ? "document store intact" : "document store DAMAGED",
                            result.checked(),
                            result.bytes(),
                            result.problems().size());
                }
                return result.intact() ? 0 : 3;
            });
        }
    }
}
