package sr.gov.vpflow.governance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The approved row-level security matrix (docs/rls-matrix.md, "DOC 9"), as the build packs it into
 * the application: one cell per table, operation and role.
 */
record RlsMatrix(List<Row> rows, String sha256) {

    static final String RESOURCE = "governance/rls-matrix.md";
    static final List<String> ROLES = List.of("vp", "secretary", "admin", "feed", "app");

    record Row(String table, String operation, List<String> cells) {

        String expected(String role) {
            return cells.get(ROLES.indexOf(role));
        }
    }

    static RlsMatrix load() {
        try (InputStream in = RlsMatrix.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from this build");
            }
            byte[] bytes = in.readAllBytes();
            return new RlsMatrix(parse(new String(bytes, StandardCharsets.UTF_8)), Manifests.sha256(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    static List<Row> parse(String markdown) throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean inMatrix = false;
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(markdown))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("## ")) {
                    inMatrix = line.equals("## The matrix");
                    continue;
                }
                if (!inMatrix || !line.startsWith("| ") || line.startsWith("| table") || line.startsWith("|---")) {
                    continue;
                }
                List<String> cells = Arrays.stream(
                                line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip)
                        .toList();
                if (cells.size() != 2 + ROLES.size()) {
                    throw new IOException("matrix row with " + cells.size() + " columns: " + line);
                }
                rows.add(new Row(cells.get(0), cells.get(1), cells.subList(2, cells.size())));
            }
        }
        return rows;
    }
}
