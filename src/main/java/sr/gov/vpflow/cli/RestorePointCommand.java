package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.governance.RestorePoint;
import sr.gov.vpflow.governance.RestorePointCheck;
import sr.gov.vpflow.governance.RestorePoints;
import sr.gov.vpflow.governance.RestoreResult;

@Command(
        name = "restore-point",
        mixinStandardHelpOptions = true,
        description = {
            "Makes, lists, verifies and restores restore points: complete copies of the database (schema",
            "and data) with a manifest (schema version, rows per table, SHA-256 of every file, time), in",
            "<data dir>/restore-points (VPFLOW_RESTORE_POINT_DIR). They need nothing besides VP-Flow, on",
            "the embedded database and on an external PostgreSQL alike."
        },
        subcommands = {
            RestorePointCommand.Create.class,
            RestorePointCommand.ListPoints.class,
            RestorePointCommand.Verify.class,
            RestorePointCommand.Restore.class
        })
class RestorePointCommand extends CommandGroup {

    static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Makes a restore point of the database as it is now; works while the server runs.")
    static class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "NAME",
                description = "1 to 64 letters, digits, '.', '-' or '_' (default: manual-<date>-<time>).")
        String name;

        @Option(names = "--reason", defaultValue = "made by the operator", description = "Why it is made.")
        String reason;

        @Option(names = "--json", description = "Print the restore point as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RestorePoint point = Cli.withApplication(context -> {
                RestorePoints points = context.getBean(RestorePoints.class);
                return points.create(name == null ? points.freeName("manual") : name, reason, "cli", err::println);
            });
            if (json) {
                out.println(Cli.json(point));
            } else {
                out.printf(
                        "restore point %s made: schema %s, %d tables, %d rows, %s, %d ms, in %s%n",
                        point.name(),
                        point.schemaVersion(),
                        point.tables(),
                        point.rows(),
                        mb(point.bytes()),
                        point.durationMs(),
                        point.folder());
                out.printf(
                        "audit checkpoint: %s%n",
                        point.auditCheckpoint() == null ? "none written" : point.auditCheckpoint());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the restore points, oldest first.")
    static class ListPoints implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<RestorePoint> points = Cli.withApplication(
                    context -> context.getBean(RestorePoints.class).list());
            if (json) {
                out.println(Cli.json(points));
                return 0;
            }
            if (points.isEmpty()) {
                out.println("no restore points");
            }
            for (RestorePoint p : points) {
                out.printf(
                        "%-44s %-29s schema %-7s %10d rows %10s  %s%n",
                        p.name(),
                        p.createdAt() == null ? "-" : p.createdAt(),
                        p.schemaVersion() == null ? "-" : p.schemaVersion(),
                        p.rows(),
                        mb(p.bytes()),
                        p.reason());
            }
            return 0;
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Proves a restore point readable and intact: the manifest matches its checksum; every file has",
                "its recorded size and SHA-256 and reads to its end with the recorded rows; this build holds",
                "the migrations of its schema, unchanged. Exit status 0: intact and restorable; 3: not."
            })
    static class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RestorePointCheck check = Cli.withApplication(
                    context -> context.getBean(RestorePoints.class).verify(name, err::println));
            if (json) {
                out.println(Cli.json(check));
            } else if (check.ok()) {
                out.printf(
                        "restore point %s is intact and restorable: %d files, %d rows read%n",
                        name, check.filesRead(), check.rowsRead());
            } else {
                out.printf(
                        "restore point %s is %s%n",
                        name, check.intact() ? "intact but NOT restorable by this build" : "DAMAGED");
                check.problems().forEach(p -> out.println("  " + p));
            }
            return check.ok() ? 0 : 3;
        }
    }

    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description = {
                "Brings the database back to a restore point exactly (schema and data), in one transaction.",
                "First makes a restore point of the current state, so nothing is lost. Refused while the server",
                "or another command uses the database: stop the server first. Web sessions are not restored:",
                "everyone signs in again. The restore is recorded in the audit log."
            })
    static class Restore implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RestoreResult result = Cli.withApplication(
                    context -> context.getBean(RestorePoints.class).restore(name, "cli", err::println));
            if (json) {
                out.println(Cli.json(result));
            } else {
                out.printf(
                        "database restored to %s (schema %s, %d rows in %d tables) in %d ms;"
                                + " the state it replaced is kept in restore point %s%n",
                        result.name(),
                        result.schemaVersion(),
                        result.rows(),
                        result.tables(),
                        result.durationMs(),
                        result.safetyRestorePoint());
            }
            return 0;
        }
    }
}
