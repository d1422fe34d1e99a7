package sr.gov.vpflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;

/**
 * The audit log is append-only for everyone, and a superuser who gets around the triggers is
 * found out by verify, which names the row. Runs on a database of its own, since it breaks the chain.
 */
class AuditChainIT {

    private static ConfigurableApplicationContext app;
    private static JdbcClient owner;
    private static AuditLog audit;
    private static AuditVerifier verifier;
    private static TransactionTemplate tx;
    private static Operators operators;

    @BeforeAll
    static void start() {
        app = StandaloneApplication.start(IntegrationTest.preparedDataDir("audit-chain"), false);
        owner = JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
        audit = app.getBean(AuditLog.class);
        verifier = app.getBean(AuditVerifier.class);
        tx = app.getBean(TransactionTemplate.class);
        operators = app.getBean(Operators.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void record(int n) {
        operators.runAs(
                Role.ADMIN,
                "cli",
                () -> tx.executeWithoutResult(s -> {
                    for (int i = 0; i < n; i++) {
                        audit.record(
                                AuditEvent.of("migration_run", "system", null).with("step", i));
                    }
                }));
    }

    private static AuditVerification verify() {
        return operators.callAs(Role.ADMIN, "cli", verifier::verify);
    }

    private static long seqOf(int fromNewest) {
        return owner.sql("SELECT seq FROM audit_logs ORDER BY seq DESC OFFSET :n LIMIT 1")
                .param("n", fromNewest)
                .query(Long.class)
                .single();
    }

    @Test
    void aFreshChainVerifiesAndEveryRowIsChainedToTheOneBefore() {
        record(5);
        AuditVerification result = verify();
        assertThat(result.valid()).isTrue();
        assertThat(result.firstBroken()).isNull();
        assertThat(result.checked())
                .isEqualTo(owner.sql("SELECT count(*) FROM audit_logs")
                        .query(Long.class)
                        .single());
        List<Boolean> linked = owner.sql("""
                        SELECT a.prev_hash = lag(a.hash) OVER (ORDER BY a.seq) FROM audit_logs a ORDER BY a.seq OFFSET 1""").query(Boolean.class).list();
        assertThat(linked).isNotEmpty().containsOnly(true);
    }

    @Test
    void eventsRecordedInARolledBackTransactionLeaveNoTrace() {
        long before =
                owner.sql("SELECT count(*) FROM audit_logs").query(Long.class).single();
        operators.runAs(
                Role.ADMIN,
                "cli",
                () -> tx.executeWithoutResult(s -> {
                    audit.record(AuditEvent.of("migration_run", "system", null));
                    s.setRollbackOnly();
                }));
        assertThat(owner.sql("SELECT count(*) FROM audit_logs")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
        assertThat(verify().valid()).isTrue();
    }

    @Test
    void theOwnerCannotUpdateDeleteOrTruncateTheLog() {
        record(1);
        assertThatThrownBy(
                        () -> owner.sql("UPDATE audit_logs SET details = '{}'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("DELETE FROM audit_logs WHERE seq = :s")
                        .param("s", seqOf(0))
                        .update())
                .hasMessageContaining("never deleted");
        assertThatThrownBy(() -> owner.sql("TRUNCATE audit_logs").update()).hasMessageContaining("never deleted");
        assertThat(verify().valid()).isTrue();
    }

    @Test
    void aRowChangedOrRemovedBehindTheTriggersIsNamedByVerify() {
        record(6);
        long changed = seqOf(3);
        UUID changedId = owner.sql("SELECT id FROM audit_logs WHERE seq = :s")
                .param("s", changed)
                .query(UUID.class)
                .single();
        tamper("UPDATE audit_logs SET details = '{\"step\": 99}' WHERE seq = " + changed);

        AuditVerification afterChange = verify();
        assertThat(afterChange.valid()).isFalse();
        assertThat(afterChange.firstBroken().seq()).isEqualTo(changed);
        assertThat(afterChange.firstBroken().id()).isEqualTo(changedId);
        assertThat(afterChange.firstBroken().reason()).isEqualTo("content_changed");

        // put it back as it was: the chain is whole again
        restore(changed);
        assertThat(verify().valid()).isTrue();

        long removed = seqOf(1);
        tamper("DELETE FROM audit_logs WHERE seq = " + removed);
        AuditVerification afterRemoval = verify();
        assertThat(afterRemoval.valid()).isFalse();
        assertThat(afterRemoval.firstBroken().seq()).isEqualTo(removed);
        assertThat(afterRemoval.firstBroken().id()).isNull();
        assertThat(afterRemoval.firstBroken().reason()).isEqualTo("row_missing");
        restore(removed);
        assertThat(verify().valid()).isTrue();
    }

    @Test
    void removingTheNewestRowIsFoundThroughTheChainHead() {
        AuditChainIT.record(2);
        // a row that was inserted and whose hash was rewritten to fit would still break the head
        long newest = seqOf(0);
        tamper("DELETE FROM audit_logs WHERE seq = " + newest);
        AuditVerification result = verify();
        assertThat(result.valid()).isFalse();
        assertThat(result.firstBroken().reason()).isEqualTo("row_missing");
        assertThat(result.firstBroken().seq()).isEqualTo(newest);
        restore(newest);
        assertThat(verify().valid()).isTrue();
    }

    /** Copies of rows as they were before a test tampered with them, by sequence number. */
    private static final java.util.Map<Long, java.util.Map<String, Object>> ORIGINALS = new java.util.HashMap<>();

    /** Puts a tampered row back exactly as it was, so that each test leaves the chain whole. */
    private static void restore(long seq) {
        java.util.Map<String, Object> row = ORIGINALS.get(seq);
        tamper("DELETE FROM audit_logs WHERE seq = " + seq);
        try (java.sql.Connection c = connectionWithoutTriggers();
                java.sql.PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO audit_logs (id, seq, occurred_at, actor_id, actor_role, event_type, entity_type,
                                                entity_id, details, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")) {
            String[] columns = {
                "id",
                "seq",
                "occurred_at",
                "actor_id",
                "actor_role",
                "event_type",
                "entity_type",
                "entity_id",
                "details",
                "prev_hash",
                "hash"
            };
            for (int i = 0; i < columns.length; i++) {
                Object value = row.get(columns[i]);
                if (value instanceof java.sql.Timestamp ts) {
                    value = ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
                }
                ps.setObject(i + 1, value instanceof org.postgresql.util.PGobject pg ? pg.getValue() : value);
            }
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a superuser can do: switch triggers off for the session and edit the table. */
    private static void tamper(String sql) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("seq = (\\d+)").matcher(sql);
        if (m.find()) {
            long seq = Long.parseLong(m.group(1));
            ORIGINALS.computeIfAbsent(
                    seq,
                    s -> owner.sql("SELECT * FROM audit_logs WHERE seq = :s")
                            .param("s", s)
                            .query()
                            .singleRow());
        }
        JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                        connectionWithoutTriggers(), true))
                .sql(sql)
                .update();
    }

    private static java.sql.Connection connectionWithoutTriggers() {
        try {
            java.sql.Connection c =
                    app.getBean(OwnerDatabase.class).dataSource().getConnection();
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET session_replication_role = replica");
            }
            return c;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
