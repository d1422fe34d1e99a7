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
import sr.gov.vpflow.documents.StorageMigration;
import sr.gov.vpflow.governance.RestorePoints;
import sr.gov.vpflow.platform.ProblemException;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "storage",
        mixinStandardHelpOptions = true,
        description = {
            "Works with the document store: a folder (VPFLOW_STORAGE=local, the default; VPFLOW_STORAGE_DIR,",
            "default $VPFLOW_DATA_DIR/documents) or a bucket (VPFLOW_STORAGE=s3; VPFLOW_S3_*)."
        },
        subcommands = {StorageCommand.Verify.class, StorageCommand.Collect.class, StorageCommand.Migrate.class})
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
                            "%s: %d documents checked, %d bytes read, %d missing, corrupt or unreadable, %d contents"
                                    + " named by no record%n",
                            result.intact()
                                    ? "document store intact"
                                    : damaged(result) ? "document store DAMAGED" : "document store UNREADABLE now",
                            result.checked(),
                            result.bytes(),
                            result.problems().size(),
                            result.unreferenced().size());
                }
                // 3: something is missing or corrupt; 4: only a failure to read (try again later)
                return result.intact() ? 0 : damaged(result) ? 3 : 4;
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
                "With --delete it also aborts a bucket's multipart uploads begun before the grace period",
                "and never completed (an upload cut off by a crash). Works while the server runs."
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

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = {
                "Copies every document content from the store in use (VPFLOW_STORAGE) to the other one,",
                "--to s3 (the bucket of VPFLOW_S3_*) or --to local (VPFLOW_STORAGE_DIR), while the server runs.",
                "Each copy is hashed on the way and kept only when it matches its address; what the target",
                "holds intact already is skipped, so a run cut off goes on where it stopped when run again.",
                "It switches nothing: when it says READY, every content a record names is in the target,",
                "verified. Then stop VP-Flow, run it once more (it copies only what was uploaded meanwhile),",
                "set VPFLOW_STORAGE to the target and start again (README, \"Document storage\").",
                "Exit status 0: ready to switch; 3: not ready (the reasons are listed)."
            })
    static class Migrate implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--to", required = true, paramLabel = "local|s3", description = "The store to copy to.")
        String to;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return Cli.withApplication(context -> {
                StorageMigration.Result result =
                        context.getBean(StorageMigration.class).migrate(to, json ? line -> {} : out::println);
                if (json) {
                    out.println(context.getBean(JsonMapper.class).writeValueAsString(result));
                    return result.ready() ? 0 : 3;
                }
                for (String address : result.missingAtSource()) {
                    out.printf("MISSING %s: a record names it, the source store lacks it (storage verify)%n", address);
                }
                out.printf(
                        "%d contents in %s: %d copied (%d bytes), %d there already and intact, %d failed, %d missing at"
                                + " the source%n",
                        result.contents(),
                        result.to(),
                        result.copied(),
                        result.bytes(),
                        result.present(),
                        result.failed().size(),
                        result.missingAtSource().size());
                if (result.ready()) {
                    out.printf(
                            "READY: every content that a record names is in %s, verified. To switch: stop VP-Flow on"
                                    + " every instance, run this command once more, set VPFLOW_STORAGE=%s and start"
                                    + " again.%n",
                            to, to);
                    return 0;
                }
                out.printf("NOT READY: the documents stay where they are; repair what is listed and run this command"
                        + " again (it skips what is there already).%n");
                return 3;
            });
        }
    }

    /** Whether a check found content missing or corrupt, not only unreadable just now. */
    static boolean damaged(StorageCheck.Result result) {
        return result.problems().stream().anyMatch(p -> !"unreadable".equals(p.problem()));
    }
}
