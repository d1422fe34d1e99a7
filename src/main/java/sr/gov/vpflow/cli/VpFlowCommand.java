package sr.gov.vpflow.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "vpflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "VP-Flow, appointments and case management of the Office of the Vice President.",
        subcommands = {
            ServeCommand.class,
            UserCommand.class,
            AuditCommand.class,
            MigrateCommand.class,
            RestorePointCommand.class,
            ValidateCommand.class,
            StorageCommand.class,
            BackupCommand.class,
            SearchCommand.class
        },
        footer = {"", "Without a command, VP-Flow runs 'serve'. Each command has --help."})
class VpFlowCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
