package sr.gov.vpflow.audit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The server checkpoints the audit chain when it starts and stops, and every few minutes
 * (VPFLOW_AUDIT_CHECKPOINT_MINUTES, default 5) when there were new events.
 */
@Component
class AuditCheckpointSchedule implements DisposableBean {

    private final AuditCheckpoints checkpoints;
    private final long minutes;
    private final boolean commandLine;
    private ScheduledExecutorService timer;

    AuditCheckpointSchedule(AuditCheckpoints checkpoints, AuditSettings settings, Environment environment) {
        this.checkpoints = checkpoints;
        this.minutes = settings.minutes();
        this.commandLine = "cli".equals(environment.getProperty("vpflow.mode"));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (commandLine) {
            return;
        }
        checkpoints.write("start", true);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpoint");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> checkpoints.write("periodic", false), minutes, minutes, TimeUnit.MINUTES);
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
            checkpoints.write("stop", true);
        }
    }
}
