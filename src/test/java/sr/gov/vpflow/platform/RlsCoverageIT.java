package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.support.IntegrationTest;

/** Every table is covered: row-level security forced, listed in the matrix, and the pool's role is powerless by itself. */
class RlsCoverageIT extends IntegrationTest {

    private List<String> tables() {
        return owner().sql("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'vpflow' AND c.relkind IN ('r', 'p') ORDER BY 1""").query(String.class).list();
    }

    @Test
    void everyTableHasRowLevelSecurityEnabledAndForced() {
        List<Map<String, Object>> unforced = owner().sql("""
                        SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'vpflow' AND c.relkind IN ('r', 'p')
                          AND NOT (c.relrowsecurity AND c.relforcerowsecurity)""").query().listOfRows();
        assertThat(tables()).isNotEmpty();
        assertThat(unforced).isEmpty();
    }

    @Test
    void theMatrixListsEveryTableWithAllFourOperations() throws IOException {
        Map<String, Set<String>> operations = matrixRows().stream()
                .collect(Collectors.groupingBy(r -> r.get(0), Collectors.mapping(r -> r.get(1), Collectors.toSet())));
        assertThat(operations.keySet()).containsExactlyInAnyOrderElementsOf(tables());
        operations.forEach((table, ops) ->
                assertThat(ops).as(table).containsExactlyInAnyOrder("select", "insert", "update", "delete"));
        matrixRows().forEach(row -> assertThat(row).as("columns of %s", row).hasSize(7));
    }

    @Test
    void thePoolsLoginRoleIsNoSuperuserBypassesNothingOwnsNothingAndIsAMemberOfNoOfficeRole() {
        String login = jdbc.sql("SELECT session_user").query(String.class).single();
        Map<String, Object> role = owner().sql("""
                        SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                               (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) AS owned,
                               (SELECT string_agg(g.rolname, ',') FROM pg_auth_members m
                                  JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid) AS member_of
                        FROM pg_roles r WHERE r.rolname = :name""").param("name", login).query().singleRow();
        assertThat(login).isNotEqualTo(ownerDatabase.user());
        assertThat(role)
                .containsEntry("rolsuper", false)
                .containsEntry("rolbypassrls", false)
                .containsEntry("rolcreaterole", false)
                .containsEntry("rolcreatedb", false)
                .containsEntry("owned", 0L)
                .containsEntry("member_of", "vpflow_user");
    }

    @Test
    void noRoleOfTheApplicationMayDeleteABusinessRecordAndTheOwnerIsRefusedByTriggers() {
        List<String> businessTables = List.of("users", "guests", "appointments", "cases", "audit_logs");
        for (String table : businessTables) {
            for (String role :
                    List.of("vpflow_user", "vpflow_vp", "vpflow_secretary", "vpflow_admin", "vpflow_login")) {
                Boolean canDelete = owner().sql("SELECT has_table_privilege(:role, :table, 'DELETE')")
                        .param("role", role)
                        .param("table", "vpflow." + table)
                        .query(Boolean.class)
                        .single();
                assertThat(canDelete).as("%s may delete from %s", role, table).isFalse();
            }
            List<String> triggers =
                    owner().sql("""
                            SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                            WHERE c.relname = :table AND NOT t.tgisinternal""").param("table", table).query(String.class).list();
            assertThat(triggers).as("triggers of %s", table).contains(table + "_no_delete", table + "_no_truncate");
        }
        java.util.UUID guest = owner().sql("INSERT INTO guests (full_name) VALUES ('Not to be deleted') RETURNING id")
                .query(java.util.UUID.class)
                .single();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> owner().sql("DELETE FROM guests WHERE id = :id")
                        .param("id", guest)
                        .update())
                .hasMessageContaining("never deleted");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> owner().sql("TRUNCATE cases CASCADE").update())
                .hasMessageContaining("never deleted");
    }

    /** The rows of docs/rls-matrix.md's table: table, operation, then one cell per role. */
    static List<List<String>> matrixRows() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        boolean inMatrix = false;
        for (String line : Files.readAllLines(Path.of("docs", "rls-matrix.md"))) {
            if (line.startsWith("## ")) {
                inMatrix = line.equals("## The matrix");
                continue;
            }
            if (!inMatrix || !line.startsWith("| ") || line.startsWith("| table") || line.startsWith("|---")) {
                continue;
            }
            rows.add(Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                    .map(String::strip)
                    .toList());
        }
        return rows;
    }
}
