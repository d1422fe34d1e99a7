package sr.gov.vpflow.appointments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Keeps every running series booked a year ahead: when the server starts and every six hours, each
 * series booked for less than a week short of the horizon gets its next occurrences. Several
 * instances share the work: a series being extended is locked, and the others skip it. A series
 * that cannot be extended is named in the log and does not hold up the others.
 * {@code vpflow.series.extend=off} turns this off (for tests that extend by hand).
 */
@Component
class SeriesHorizon implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SeriesHorizon.class);
    private static final int BATCH = 20;
    private static final long HOURS = 6;

    private final SeriesService series;
    private final Operators operators;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final boolean enabled;
    private ScheduledExecutorService timer;

    SeriesHorizon(
            SeriesService series,
            Operators operators,
            PlatformTransactionManager transactions,
            Clock clock,
            Environment environment) {
        this.series = series;
        this.operators = operators;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.enabled = !"cli".equals(environment.getProperty("vpflow.mode"))
                && !"off".equals(environment.getProperty("vpflow.series.extend", "on"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!enabled) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "series-horizon");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runQuietly, 1, HOURS * 60, TimeUnit.MINUTES);
    }

    /** Extends every series that needs it, up to one horizon for the whole run; returns the occurrences made. */
    int extendAll() {
        Instant horizon = clock.instant().plus(SeriesService.HORIZON);
        return operators.callAs(Role.SECRETARY, "system", () -> {
            int made = 0;
            int extended = 0;
            UUID after = null;
            while (true) {
                UUID from = after;
                Batch batch = tx.execute(status -> {
                    List<UUID> due = series.dueForExtension(horizon, from, BATCH);
                    int occurrences = 0;
                    for (UUID id : due) {
                        occurrences += extendOne(id, horizon);
                    }
                    return new Batch(due.isEmpty() ? null : due.get(due.size() - 1), due.size(), occurrences);
                });
                made += batch.occurrences();
                extended += batch.series();
                if (batch.last() == null || batch.series() < BATCH) {
                    break;
                }
                after = batch.last();
            }
            if (extended > 0) {
                log.info("series extended: {} series, {} occurrence(s) made", extended, made);
            }
            return made;
        });
    }

    private record Batch(UUID last, int series, int occurrences) {}

    /** One series in a savepoint of its own: its failure is logged and the others go on. */
    private int extendOne(UUID id, Instant horizon) {
        try {
            Integer made = savepoint.execute(status -> series.extend(id, horizon));
            return made == null ? 0 : made;
        } catch (RuntimeException e) {
            log.warn("series {} could not be extended: {}", id, e.getMessage());
            return 0;
        }
    }

    private void runQuietly() {
        try {
            extendAll();
        } catch (RuntimeException e) {
            log.warn("series could not be extended: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
