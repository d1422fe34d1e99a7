package sr.gov.vpflow.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standard checkers the tests run on VP-Flow's output, installed by npm from package.json
 * before the integration tests ({@code npm ci}): Redocly CLI for the OpenAPI description, the Nu
 * HTML checker for the pages. A missing checker fails the test: it is part of the suite.
 */
public final class Checkers {

    private Checkers() {}

    static Path home() {
        return Path.of(System.getProperty("vpflow.checkers-dir", "node_modules"));
    }

    /** Redocly CLI's {@code lint} with its recommended rules, as JSON. */
    public static Output redoclyLint(Path description) {
        return run(List.of(
                "node",
                require(home().resolve("@redocly/cli/bin/cli.js")).toString(),
                "lint",
                description.toString(),
                "--format=json"));
    }

    /** The Nu HTML checker on these files, its messages as JSON. */
    public static Output nuHtmlChecker(List<Path> pages) {
        List<String> command = new ArrayList<>(List.of(
                javaCommand(),
                "-jar",
                require(home().resolve("vnu-jar/build/dist/vnu.jar")).toString(),
                "--format",
                "json",
                "--exit-zero-always"));
        pages.forEach(p -> command.add(p.toString()));
        return run(command);
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Path require(Path checker) {
        if (!Files.isRegularFile(checker)) {
            throw new AssertionError(checker + " is missing: run npm ci in the project folder (the build does it"
                    + " before the integration tests)");
        }
        return checker;
    }

    private static Output run(List<String> command) {
        try {
            Path out = Files.createTempFile("checker", ".out");
            Path err = Files.createTempFile("checker", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("checker did not finish: " + command);
            }
            Output output = new Output(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return output;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Output(int exitCode, String stdout, String stderr) {}
}
