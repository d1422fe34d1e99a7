package sr.gov.vpflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The governed migration from the command line, on a v1.0 database of its own: refused without
 * approvals, a dry run, the migration, a second run, validate, and restore points listed,
 * verified, made and restored.
 */
class GovernanceCliIT {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @AfterEach
    void clear() {
        System.clearProperty("vpflow.data-dir");
        System.clearProperty("vpflow.login.bcrypt-strength");
        System.clearProperty("vpflow.login.require-second-factor");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.execute(VpFlowApplication.class, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void migrateValidateAndRestorePointsFromTheCommandLine() throws Exception {
        Path dir = IntegrationTest.newDataDir("cli-governance");
        try (ConfigurableApplicationContext server =
                StandaloneApplication.start(dir, false, "vpflow.schema-target=v1.0")) {
            System.setProperty("vpflow.data-dir", dir.toString());
            System.setProperty("vpflow.login.bcrypt-strength", "4");
            System.setProperty("vpflow.login.require-second-factor", "false");

            assertThat(run("migrate")).as(err.toString()).isEqualTo(1);
            assertThat(out.toString())
                    .contains("outcome: refused")
                    .contains("no approval of the migration plan v1.1-A")
                    .contains("no approval of the RLS matrix");
            assertThat(run("migrate", "--approve-plan", "R. Pahalwankhan|VP-2026-014"))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("invalid_approval").contains("APPROVER|REFERENCE|YYYY-MM-DD");

            String[] approvals = {
                "--approve-plan", "R. Pahalwankhan|VP-BESLUIT-2026-014|2026-03-02",
                "--approve-rls", "R. Pahalwankhan|DOC9-2026-003|2026-03-02"
            };
            assertThat(run(concat(new String[] {"migrate", "--dry-run"}, approvals)))
                    .as(err.toString())
                    .isZero();
            assertThat(out.toString()).contains("outcome: dry_run").contains("V1_1_2__document_links_table.sql");
            assertThat(run("restore-point", "list")).isZero();
            assertThat(out.toString()).contains("no restore points");

            assertThat(run(concat(new String[] {"migrate", "--json"}, approvals)))
                    .as(err.toString())
                    .isZero();
            JsonNode report = JsonMapper.builder().build().readTree(out.toString());
            assertThat(report.get("outcome").asString()).isEqualTo("MIGRATED");
            assertThat(report.get("steps")).hasSize(7);
            assertThat(err.toString()).contains("step 3/7").contains("report: ");
            try (Stream<Path> reports = Files.list(dir.resolve("reports"))) {
                assertThat(reports.filter(p -> p.toString().endsWith(".txt")).count())
                        .isEqualTo(2);
            }

            assertThat(run(concat(new String[] {"migrate"}, approvals))).isZero();
            assertThat(out.toString()).contains("outcome: already_applied").contains("already at v1.1-A");

            assertThat(run("validate")).as(out.toString()).isZero();
            assertThat(out.toString())
                    .contains("No RLS policies are broken")
                    .contains("No orphaned foreign keys")
                    .contains("valid: every item holds");

            assertThat(run("restore-point", "list")).isZero();
            assertThat(out.toString()).contains("v1.1-A-pre-migration-").contains("v1.1-A-post-schema-");
            String pre = out.toString()
                    .lines()
                    .filter(l -> l.startsWith("v1.1-A-pre-migration-"))
                    .findFirst()
                    .orElseThrow()
                    .split("\\s+")[0];
            assertThat(run("restore-point", "verify", pre)).isZero();
            assertThat(out.toString()).contains("is intact and restorable");
            assertThat(run("restore-point", "create", "handmatig", "--reason", "voor de test"))
                    .isZero();
            assertThat(out.toString()).contains("restore point handmatig made").contains("audit checkpoint: event ");
            assertThat(run("restore-point", "verify", "bestaat-niet")).isEqualTo(1);
            assertThat(err.toString()).contains("restore_point_not_found");
            // --json speaks snake_case, as the API and every other command do
            assertThat(run("restore-point", "list", "--json")).isZero();
            assertThat(out.toString()).contains("\"schema_version\"").doesNotContain("\"schemaVersion\"");
            assertThat(run("restore-point", "verify", pre, "--json")).isZero();
            assertThat(out.toString()).contains("\"rows_read\"").doesNotContain("\"rowsRead\"");
        }
        // with the server stopped, the pre-migration restore point brings v1.0 back
        System.setProperty("vpflow.data-dir", dir.toString());
        assertThat(run("restore-point", "list")).isZero();
        String pre = out.toString()
                .lines()
                .filter(l -> l.startsWith("v1.1-A-pre-migration-"))
                .findFirst()
                .orElseThrow()
                .split("\\s+")[0];
        assertThat(run("restore-point", "restore", pre)).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains(
                        "database restored to " + pre + " (schema " + sr.gov.vpflow.support.SchemaVersions.newestV10());
        assertThat(run("validate")).isZero();
        assertThat(out.toString()).contains("no governed plan has been applied");
    }

    @Test
    void everyGovernanceCommandHasHelp() {
        for (String[] command : new String[][] {
            {"migrate", "--help"},
            {"validate", "--help"},
            {"restore-point", "--help"},
            {"restore-point", "create", "--help"},
            {"restore-point", "list", "--help"},
            {"restore-point", "verify", "--help"},
            {"restore-point", "restore", "--help"}
        }) {
            assertThat(run(command)).isZero();
            assertThat(out.toString()).startsWith("Usage: vpflow " + command[0]);
        }
        run("--help");
        assertThat(out.toString()).contains("migrate").contains("restore-point").contains("validate");
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
