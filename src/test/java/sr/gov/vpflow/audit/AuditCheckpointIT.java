package sr.gov.vpflow.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.cli.Cli;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/**
 * Whoever holds the database owner's password rewrites the audit log as well as it can be done:
 * triggers off, an event changed, every later hash and the chain head recomputed, so that the
 * chain itself verifies. The signed checkpoints outside the database contradict it and name the
 * event; a removed tail is counted; a checkpoint whose signature fails is reported.
 */
class AuditCheckpointIT {

    private ConfigurableApplicationContext app;
    private Path dataDir;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        System.clearProperty("vpflow.data-dir");
        System.clearProperty("vpflow.login.require-second-factor");
    }

    private void start(String name) {
        dataDir = IntegrationTest.preparedDataDir(name);
        app = StandaloneApplication.start(dataDir, false);
    }

    private JdbcClient owner() {
        return JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
    }

    private void record(int n) {
        app.getBean(Operators.class)
                .runAs(
                        Role.ADMIN,
                        "cli",
                        () -> app.getBean(TransactionTemplate.class).executeWithoutResult(s -> {
                            for (int i = 0; i < n; i++) {
                                app.getBean(AuditLog.class)
                                        .record(AuditEvent.of("migration_run", "system", null)
                                                .with("step", i));
                            }
                        }));
    }

    private AuditVerification verify() {
        return app.getBean(Operators.class).callAs(Role.ADMIN, "cli", app.getBean(AuditVerifier.class)::verify);
    }

    private long head() {
        return owner().sql("SELECT seq FROM audit_chain_head").query(Long.class).single();
    }

    @Test
    void anEventRewrittenWithEveryLaterHashRecomputedIsNamedByTheCheckpoints() throws Exception {
        start("checkpoint-rewrite");
        record(5);
        AuditCheckpoints checkpoints = app.getBean(AuditCheckpoints.class);
        assertThat(checkpoints.write("test", false)).isPresent();
        long changed = head() - 2;
        record(3);
        AuditVerification before = verify();
        assertThat(before.valid()).as("%s", before).isTrue();
        assertThat(before.checkpoints().checked()).isGreaterThanOrEqualTo(2);
        String eventType = owner().sql("SELECT event_type FROM audit_logs WHERE seq = :s")
                .param("s", changed)
                .query(String.class)
                .single();

        owner().sql("ALTER TABLE audit_logs DISABLE TRIGGER USER").update();
        owner().sql("UPDATE audit_logs SET details = details || '{\"step\": 99}' WHERE seq = :s")
                .param("s", changed)
                .update();
        owner().sql("""
                        DO $$
                        DECLARE r record; prev bytea;
                        BEGIN
                            SELECT hash INTO prev FROM audit_logs WHERE seq = %d;
                            FOR r IN SELECT * FROM audit_logs WHERE seq >= %d ORDER BY seq LOOP
                                UPDATE audit_logs
                                   SET prev_hash = prev,
                                       hash = audit_row_hash(prev, r.seq, r.occurred_at, r.actor_id, r.actor_role,
                                                             r.event_type, r.entity_type, r.entity_id, r.details)
                                 WHERE seq = r.seq
                             RETURNING hash INTO prev;
                            END LOOP;
                            UPDATE audit_chain_head SET hash = prev;
                        END $$""".formatted(changed - 1, changed)).update();
        owner().sql("ALTER TABLE audit_logs ENABLE TRIGGER USER").update();

        AuditVerification after = verify();
        assertThat(after.firstBroken())
                .as("the chain itself was made to verify")
                .isNull();
        assertThat(after.valid()).isFalse();
        assertThat(after.checkpoints().problems()).singleElement().satisfies(p -> {
            assertThat(p.problem()).isEqualTo("event_changed");
            assertThat(p.seq()).isEqualTo(changed);
            assertThat(p.eventType()).isEqualTo(eventType);
        });

        System.setProperty("vpflow.data-dir", dataDir.toString());
        System.setProperty("vpflow.login.require-second-factor", "false");
        StringWriter out = new StringWriter();
        int exit = Cli.execute(
                VpFlowApplication.class,
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                "audit",
                "verify");
        assertThat(exit).isEqualTo(3);
        assertThat(out.toString())
                .contains("CHECKPOINT event_changed at row " + changed + " (" + eventType)
                .contains("audit log NOT intact");
    }

    @Test
    void aRemovedTailIsCountedAndATamperedCheckpointIsReported() throws Exception {
        start("checkpoint-tail");
        record(4);
        AuditCheckpoints checkpoints = app.getBean(AuditCheckpoints.class);
        long signed = checkpoints.write("test", false).orElseThrow().seq();

        owner().sql("ALTER TABLE audit_logs DISABLE TRIGGER USER").update();
        owner().sql("DELETE FROM audit_logs WHERE seq > :s")
                .param("s", signed - 3)
                .update();
        owner().sql("UPDATE audit_chain_head SET seq = a.seq, hash = a.hash FROM audit_logs a WHERE a.seq = :s")
                .param("s", signed - 3)
                .update();
        owner().sql("ALTER TABLE audit_logs ENABLE TRIGGER USER").update();

        AuditVerification after = verify();
        assertThat(after.firstBroken())
                .as("the shortened chain itself verifies")
                .isNull();
        assertThat(after.valid()).isFalse();
        assertThat(after.checkpoints().problems()).singleElement().satisfies(p -> {
            assertThat(p.problem()).isEqualTo("events_lost");
            assertThat(p.count()).isEqualTo(3);
        });

        Path file = checkpoints.file();
        List<String> lines = Files.readAllLines(file);
        String last = lines.get(lines.size() - 1);
        lines.set(lines.size() - 1, last.replace("\"seq\":" + signed, "\"seq\":" + (signed - 3)));
        Files.write(file, lines);
        assertThat(verify().checkpoints().problems())
                .extracting(CheckpointCheck.Problem::problem)
                .contains("signature_invalid");
    }

    @Test
    void aCheckpointLineCopiedToTheEndCountsForNothingEvenARestoredOne() throws Exception {
        start("checkpoint-replay");
        AuditCheckpoints checkpoints = app.getBean(AuditCheckpoints.class);
        checkpoints.write("restored", true);
        record(3);
        checkpoints.write("test", true);
        record(2);
        checkpoints.write("test", true);
        AuditVerification before = verify();
        assertThat(before.valid()).as("%s", before).isTrue();

        // an old, validly signed "restored" line appended again would, if it counted, drop every
        // checkpoint after it; the log's chain of lines refuses it
        Path file = checkpoints.file();
        List<String> lines = Files.readAllLines(file);
        String restored = lines.stream()
                .filter(l -> l.contains("\"reason\":\"restored\""))
                .findFirst()
                .orElseThrow();
        Files.writeString(file, restored + "\n", java.nio.file.StandardOpenOption.APPEND);
        AuditVerification after = verify();
        assertThat(after.valid()).isFalse();
        assertThat(after.checkpoints().problems())
                .singleElement()
                .satisfies(p -> assertThat(p.problem()).isEqualTo("out_of_order"));
        assertThat(after.checkpoints().checked())
                .as("the later checkpoints still hold the chain to what they signed")
                .isEqualTo(before.checkpoints().checked());
    }

    @Test
    void anUntouchedLogVerifiesAgainstItsCheckpointsAcrossARestart() {
        start("checkpoint-restart");
        record(3);
        app.close();
        app = StandaloneApplication.start(dataDir, false);
        record(2);
        AuditVerification result = verify();
        assertThat(result.valid()).as("%s", result).isTrue();
        // start, stop, start: each a checkpoint
        assertThat(result.checkpoints().checked()).isGreaterThanOrEqualTo(3);
        assertThat(app.getBean(AuditCheckpoints.class).file()).exists();
        assertThat(dataDir.resolve("secrets").resolve("audit-signing-key")).exists();
    }
}
