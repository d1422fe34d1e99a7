package sr.gov.vpflow.appointments;

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
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Keeps every running series booked a year ahead: when the server starts and every six hours, each
 * series whose occurrences end before the horizon gets the next ones. Several instances share the
 * work: a series being extended is locked, and the others skip it.
 */
@Component
class SeriesHorizon implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SeriesHorizon.class);
    private static final int BATCH = 20;
    private static final long HOURS = 6;

    private final SeriesService series;
    private final Operators operators;
    private final TransactionTemplate tx;
    private final boolean commandLine;
    private ScheduledExecutorService timer;

    SeriesHorizon(SeriesService series, Operators operators, TransactionTemplate tx, Environment environment) {
        this.series = series;
        this.operators = operators;
        this.tx = tx;
        this.commandLine = "cli".equals(environment.getProperty("vpflow.mode"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (commandLine) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "series-horizon");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runQuietly, 1, HOURS * 60, TimeUnit.MINUTES);
    }

    /** Extends every series that needs it; returns the occurrences made. */
    int extendAll() {
        return operators.callAs(Role.SECRETARY, "system", () -> {
            int made = 0;
            int series = 0;
            while (true) {
                int[] batch = tx.execute(status -> {
                    List<UUID> due = this.series.dueForExtension(BATCH);
                    int occurrences = 0;
                    for (UUID id : due) {
                        occurrences += this.series.extend(id);
                    }
                    return new int[] {due.size(), occurrences};
                });
                made += batch[1];
                series += batch[0];
                if (batch[0] < BATCH) {
                    break;
                }
            }
            if (series > 0) {
                log.info("series extended: {} series, {} occurrence(s) made", series, made);
            }
            return made;
        });
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
