package sr.gov.vpflow.cli;

import java.io.PrintWriter;
import java.util.Set;
import java.util.function.Function;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import sr.gov.vpflow.platform.ProblemException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a subcommand. Commands other than {@code serve} start the application without its web
 * server, against the same database; with the embedded default they attach to the running
 * server's PostgreSQL, or start it for the duration of the command.
 */
public final class Cli {

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");
    private static Class<?> application;

    private Cli() {}

    public static void main(Class<?> applicationClass, String[] args) {
        int code =
                execute(applicationClass, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        if (!ServeCommand.isServing()) {
            System.exit(code);
        }
    }

    /** Runs one command line and returns its exit status (0 done, 1 refused or failed, 2 usage). */
    public static int execute(Class<?> applicationClass, PrintWriter out, PrintWriter err, String... args) {
        application = applicationClass;
        CommandLine commandLine = commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(withDefaultCommand(commandLine, args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new VpFlowCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            Throwable cause = rootProblem(e);
            if (cause instanceof ProblemException problem) {
                cmd.getErr().println("refused: " + problem.getMessage() + " [" + problem.code() + "]");
                return 1;
            }
            cmd.getErr().println("error: " + (cause.getMessage() == null ? cause : cause.getMessage()));
            return 1;
        });
        return commandLine;
    }

    private static Throwable rootProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemException) {
                return t;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** {@code vpflow} alone, or {@code vpflow --demo}, means {@code vpflow serve ...}. */
    static String[] withDefaultCommand(CommandLine commandLine, String[] args) {
        if (args.length > 0
                && (commandLine.getSubcommands().containsKey(args[0]) || TOP_LEVEL_OPTIONS.contains(args[0]))) {
            return args;
        }
        String[] withServe = new String[args.length + 1];
        withServe[0] = "serve";
        System.arraycopy(args, 0, withServe, 1, args.length);
        return withServe;
    }

    static Class<?> application() {
        return application;
    }

    /** Starts the application without a web server, runs the work, and stops it again. */
    /**
     * Writes a command's result for --json as the API writes its bodies: snake_case names, ISO
     * times. Also for commands that run without the application (a restore, an export check).
     */
    static String json(Object result) {
        return JSON.writeValueAsString(result);
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    static <T> T withApplication(Function<ConfigurableApplicationContext, T> work) {
        if (application == null) {
            throw new IllegalStateException("the command line was not started through Cli.main");
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN", "logging.level.sr.gov.vpflow=WARN", "vpflow.mode=cli")
                .run()) {
            return work.apply(context);
        }
    }
}
