package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.support.IntegrationTest;

/**
 * Checks every cell of docs/rls-matrix.md against the real database with the same probes the
 * migration plan's validation runs ({@link RlsMatrixCheck}): each as the application's login
 * role, presenting the cell's token (a signed-in account, the secretary's calendar feed, or none
 * at all), rolled back. The probes exist once; this test runs them on the shared database and
 * names each cell.
 */
class RlsMatrixIT extends IntegrationTest {

    static final Path MATRIX = Path.of("docs", "rls-matrix.md");

    private static RlsMatrixCheck.Result result;

    @Autowired
    private ApplicationLogin login;

    @Autowired
    private Operators operators;

    static Stream<Arguments> cells() throws IOException {
        List<Arguments> cells = new ArrayList<>();
        for (RlsMatrix.Row row : RlsMatrix.parse(Files.readString(MATRIX))) {
            for (String role : RlsMatrix.ROLES) {
                cells.add(Arguments.of(row.table(), row.operation(), role, row.expected(role)));
            }
        }
        return cells.stream();
    }

    @BeforeEach
    void probeOnce() throws SQLException, IOException {
        if (result == null) {
            RlsMatrix documented = RlsMatrix.load();
            assertThat(documented.rows())
                    .as("the matrix packed into the build is docs/rls-matrix.md")
                    .isEqualTo(RlsMatrix.parse(Files.readString(MATRIX)));
            result = new RlsMatrixCheck(login, operators, ownerDatabase.dataSource("rls-matrix-it", null))
                    .run(documented);
        }
    }

    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @MethodSource("cells")
    void cell(String table, String operation, String role, String expected) {
        RlsMatrixCheck.Cell cell = result.cells().stream()
                .filter(c -> c.table().equals(table)
                        && c.operation().equals(operation)
                        && c.role().equals(role))
                .findFirst()
                .orElseThrow(() -> new AssertionError(table + " is in the matrix but not in the database"));
        assertThat(cell.observed()).as("%s %s as %s", table, operation, role).isEqualTo(expected);
    }

    @Test
    void everyTableOfTheDatabaseIsInTheMatrix() {
        assertThat(result.tablesNotInMatrix()).isEmpty();
        assertThat(result.matrixTablesNotInstalled()).isEmpty();
        assertThat(result.cells()).hasSizeGreaterThan(100);
    }
}
