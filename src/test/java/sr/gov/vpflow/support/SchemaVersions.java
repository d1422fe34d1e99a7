package sr.gov.vpflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Schema versions as this build's migration files define them. */
public final class SchemaVersions {

    private static final Pattern V10 = Pattern.compile("V1_0_(\\d+)__.*\\.sql");

    private SchemaVersions() {}

    /** The complete v1.0 schema: the newest 1.0.x migration. */
    public static String newestV10() {
        try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return "1.0."
                    + files.map(f -> V10.matcher(f.getFileName().toString()))
                            .filter(Matcher::matches)
                            .map(m -> Integer.parseInt(m.group(1)))
                            .max(Comparator.naturalOrder())
                            .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
