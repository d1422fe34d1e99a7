package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * A migration never queues the office behind it: when a long transaction of the office holds a
 * lock that a migration needs, the migration gives up after its short lock timeout, lets the work
 * pass, and tries again until it gets the lock.
 */
class LockWaitIT {

    @Test
    void aMigrationWaitsForTheOfficesLongTransactionWithoutBlockingOthers() throws Exception {
        try (V10Database db = V10Database.start("lock-wait", 3, false)) {
            AtomicReference<CompletableFuture<Void>> holder = new AtomicReference<>();
            MigrationReport report = db.bean(MigrationRunner.class).run(MigrationIT.approved(), line -> {
                // just before step 5: a reader of the audit log keeps its transaction open for 3 seconds
                if (line.startsWith("step 4/7")) {
                    holder.set(holdAuditLog(db.bean(OwnerDatabase.class), 3000));
                }
            });
            holder.get().get();

            assertThat(report.outcome()).as(report.text()).isEqualTo(MigrationReport.Outcome.MIGRATED);
            assertThat(report.steps().get(4).items())
                    .anySatisfy(item -> assertThat(item).startsWith("waited ").contains("release a lock"));
            assertThat(report.steps().get(4).durationMs()).isGreaterThanOrEqualTo(2000);
        }
    }

    /** Takes a lock on audit_logs now and releases it after the given time. */
    private static CompletableFuture<Void> holdAuditLog(OwnerDatabase database, long millis) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            try (Connection c = database.dataSource("office", null).getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.executeQuery("SELECT count(*) FROM audit_logs").close();
                    started.complete(null);
                    Thread.sleep(millis);
                }
                c.commit();
            } catch (Exception e) {
                started.completeExceptionally(e);
                throw new IllegalStateException(e);
            }
        });
        started.join();
        return done;
    }
}
