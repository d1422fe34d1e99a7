package sr.gov.vpflow.cli;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the VP-Flow server (the default command).",
            "Without VPFLOW_DB_URL it starts the embedded PostgreSQL with its data in VPFLOW_DATA_DIR (default ./data).",
            "The HTTP port is VPFLOW_PORT (default 8080)."
        })
class ServeCommand implements Runnable {

    private static volatile boolean serving;

    @Option(names = "--demo", description = "Fill an empty database with a realistic sample and demo accounts.")
    boolean demo;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    static boolean isServing() {
        return serving;
    }

    @Override
    public void run() {
        List<String> args = new ArrayList<>(springArguments);
        if (demo) {
            args.add("--vpflow.demo=true");
        }
        serving = true;
        SpringApplication.run(Cli.application(), args.toArray(String[]::new));
    }
}
