package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.backup.BackupException;
import sr.gov.vpflow.backup.BackupStatus;
import sr.gov.vpflow.backup.Backups;
import sr.gov.vpflow.governance.RestorePoint;
import sr.gov.vpflow.governance.RestorePoints;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Backups: restore points named backup-<date>-<time>, made by the server on its schedule",
            "(VPFLOW_BACKUP_SCHEDULE), verified, copied with the document contents they name to",
            "VPFLOW_BACKUP_COPY_TO (a folder on another disk or s3://bucket/prefix), old ones removed by",
            "VPFLOW_BACKUP_KEEP. On a new machine, 'backup fetch' brings the newest back and",
            "'restore-point restore' restores it."
        },
        subcommands = {BackupCommand.Run.class, BackupCommand.ListBackups.class, BackupCommand.Fetch.class})
class BackupCommand extends CommandGroup {

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description = {
                "Makes a backup now, as the schedule does: works while the server runs.",
                "Exit status 0: made, verified and copied; 3: it failed (the reason is printed and logged)."
            })
    static class Run implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--reason", defaultValue = "backup made by the operator", description = "Why it is made.")
        String reason;

        @Option(names = "--json", description = "Print the backup as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return Cli.withApplication(context -> {
                Backups.Made made;
                try {
                    made = context.getBean(Backups.class).run(reason, "cli", err::println);
                } catch (BackupException e) {
                    err.println("backup failed: " + e.getMessage());
                    return 3;
                }
                if (json) {
                    out.println(context.getBean(JsonMapper.class).writeValueAsString(made));
                } else {
                    out.printf(
                            "backup %s made: %d rows, %s, %d document contents; %s%n",
                            made.name(),
                            made.rows(),
                            RestorePointCommand.mb(made.bytes()),
                            made.contents(),
                            made.copiedTo() == null
                                    ? "NOT copied off this machine (set VPFLOW_BACKUP_COPY_TO)"
                                    : "copied to " + made.copiedTo() + " with " + made.contentsCopied()
                                            + " new contents (" + RestorePointCommand.mb(made.bytesCopied()) + ")");
                    if (!made.removed().isEmpty() || !made.removedCopies().isEmpty()) {
                        out.printf(
                                "past the retention rule, removed here: %s; from the copy: %s%n",
                                made.removed(), made.removedCopies());
                    }
                }
                return 0;
            });
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the backups here and in the copy place, and how the last one went.")
    static class ListBackups implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return Cli.withApplication(context -> {
                Backups backups = context.getBean(Backups.class);
                List<RestorePoint> here = context.getBean(RestorePoints.class).list().stream()
                        .filter(p -> p.name().startsWith("backup-"))
                        .toList();
                List<Backups.Copy> copies = backups.copies();
                BackupStatus status = backups.status();
                if (json) {
                    Map<String, Object> all = new LinkedHashMap<>();
                    all.put("here", here.stream().map(RestorePoint::name).toList());
                    all.put("copies", copies);
                    all.put("status", status);
                    out.println(context.getBean(JsonMapper.class).writeValueAsString(all));
                    return 0;
                }
                for (RestorePoint p : here) {
                    out.printf(
                            "here  %s  %s  %d rows  %s%n",
                            p.name(), p.createdAt(), p.rows(), RestorePointCommand.mb(p.bytes()));
                }
                for (Backups.Copy c : copies) {
                    out.printf("copy  %s%s%n", c.name(), c.complete() ? "" : "  INCOMPLETE (not usable)");
                }
                out.printf(
                        "last backup: %s%s%n",
                        status.lastSuccess() == null ? "none yet" : status.lastBackup() + " at " + status.lastSuccess(),
                        status.failing()
                                ? "; the last attempt FAILED at " + status.lastFailure() + ": " + status.failure()
                                : "");
                return 0;
            });
        }
    }

    @Command(
            name = "fetch",
            mixinStandardHelpOptions = true,
            description = {
                "Brings a backup from the copy place (VPFLOW_BACKUP_COPY_TO) to this machine: the restore",
                "point into the restore point folder, the document contents it names into the document",
                "store, each checked against its SHA-256; then 'restore-point restore NAME' with the server",
                "stopped. Exit status 0: fetched and verified; 3: it could not be."
            })
    static class Fetch implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "NAME",
                description = "The backup (default: the newest complete one).")
        String name;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            return Cli.withApplication(context -> {
                Backups.Fetched fetched;
                try {
                    fetched = context.getBean(Backups.class).fetch(name, err::println);
                } catch (BackupException e) {
                    err.println("fetch failed: " + e.getMessage());
                    return 3;
                }
                out.printf(
                        "backup %s fetched and verified: %d files, %d document contents (%d were here already), %s%n"
                                + "restore it with the server stopped: restore-point restore %s%n",
                        fetched.name(),
                        fetched.files(),
                        fetched.contentsFetched(),
                        fetched.contentsPresent(),
                        RestorePointCommand.mb(fetched.bytes()),
                        fetched.name());
                return 0;
            });
        }
    }
}
