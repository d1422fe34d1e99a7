package sr.gov.vpflow.backup;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * Runs the backups of VPFLOW_BACKUP_SCHEDULE in the server (never in a command beside it). A
 * server that was down at a scheduled time makes the backup it missed as soon as it is up.
 */
@Component
class BackupScheduler implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BackupScheduler.class);

    private final Backups backups;
    private final BackupTargets targets;
    private final BackupSettings settings;
    private final CronExpression schedule;
    private final boolean commandLine;
    private final Clock clock;
    private ThreadPoolTaskScheduler scheduler;

    BackupScheduler(
            Backups backups, BackupTargets targets, BackupSettings settings, Environment environment, Clock clock) {
        this.backups = backups;
        this.targets = targets;
        this.settings = settings;
        this.schedule = parse(settings);
        this.commandLine = "cli".equals(environment.getProperty("vpflow.mode"));
        this.clock = clock;
    }

    /** The schedule, or null when backups are off. */
    static CronExpression parse(BackupSettings settings) {
        if (!settings.scheduled()) {
            return null;
        }
        try {
            return CronExpression.parse(settings.schedule().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "VPFLOW_BACKUP_SCHEDULE '" + settings.schedule() + "' is not a schedule: " + e.getMessage()
                            + ". Give six fields, second minute hour day month weekday (e.g. 0 0 2 * * * for"
                            + " 02:00 every night, Paramaribo time), or off",
                    e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (commandLine) {
            return;
        }
        if (schedule == null) {
            log.warn("scheduled backups are off (VPFLOW_BACKUP_SCHEDULE=off)");
            return;
        }
        if (!settings.copied()) {
            log.warn("backups are not copied off this machine: set VPFLOW_BACKUP_COPY_TO to another disk or a bucket");
        }
        targets.warnIfSameDisk();
        BackupStatus status = backups.startWatching();
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("backup-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        scheduler.schedule(
                this::runScheduled, new CronTrigger(settings.schedule().strip(), OfficeTime.ZONE));
        if (status.behind(schedule, clock.instant())) {
            log.warn("a scheduled backup did not run while the server was down; making it now");
            scheduler.execute(this::runScheduled);
        }
        log.info(
                "backups scheduled at {} (Paramaribo time), next {}, keeping {}, {}",
                settings.schedule().strip(),
                schedule.next(clock.instant().atZone(OfficeTime.ZONE)),
                Retention.parse(settings.keep()),
                settings.copied() ? "copied to " + settings.copyTo().strip() : "not copied off this machine");
    }

    private void runScheduled() {
        try {
            backups.run("scheduled backup", "system", line -> log.debug(line));
        } catch (BackupException e) {
            if (e.lockHeld()) {
                log.warn("the scheduled backup did not run: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            // logged at ERROR and kept in the backup status (health) by the run itself
            log.debug("the scheduled backup failed", e);
        }
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }
}
