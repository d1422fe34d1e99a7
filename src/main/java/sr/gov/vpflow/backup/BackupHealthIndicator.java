package sr.gov.vpflow.backup;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * Health is DOWN when the last backup failed, or when a scheduled backup did not run (an hour
 * after its time there is still none): a backup nobody notices missing is no backup.
 */
@Component("backupHealthIndicator")
class BackupHealthIndicator extends AbstractHealthIndicator {

    private final Backups backups;
    private final CronExpression schedule;
    private final Clock clock;

    BackupHealthIndicator(Backups backups, BackupSettings settings, Clock clock) {
        super("the backup status could not be read");
        this.backups = backups;
        this.schedule = BackupScheduler.parse(settings);
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        judge(backups.status(), schedule, clock.instant(), health);
    }

    /** UP, or DOWN with the reason: the last attempt failed, or a scheduled backup did not run. */
    static void judge(BackupStatus status, CronExpression schedule, Instant now, Health.Builder health) {
        health.withDetail("schedule", schedule == null ? "off" : schedule.toString());
        if (status.lastSuccess() != null) {
            health.withDetail("last_backup", status.lastBackup()).withDetail("last_success", status.lastSuccess());
        }
        if (status.failing()) {
            health.down().withDetail("failed_at", status.lastFailure()).withDetail("reason", status.failure());
            return;
        }
        if (schedule != null) {
            var missed = status.missed(schedule, now);
            if (missed.isPresent()) {
                health.down().withDetail("missed", missed.get().toOffsetDateTime());
                return;
            }
        }
        health.up();
    }
}
