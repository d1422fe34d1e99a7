package sr.gov.vpflow.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.support.CronExpression;

class BackupStatusTest {

    /** Paramaribo is UTC-3: 02:00 there is 05:00 UTC. */
    private static final CronExpression NIGHTLY = CronExpression.parse("0 0 2 * * *");

    private static Instant utc(int day, int hour, int minute) {
        return OffsetDateTime.of(2026, 11, day, hour, minute, 0, 0, ZoneOffset.UTC)
                .toInstant();
    }

    @Test
    void aScheduledTimeWithoutABackupAnHourLaterIsMissed() {
        BackupStatus watched = new BackupStatus(utc(29, 12, 0), null, null, null, null, null);
        assertThat(watched.missed(NIGHTLY, utc(30, 5, 30))).isEmpty(); // 02:30 in Paramaribo: may still run
        assertThat(watched.behind(NIGHTLY, utc(30, 5, 30))).isTrue();
        assertThat(watched.missed(NIGHTLY, utc(30, 6, 1)))
                .hasValueSatisfying(due -> assertThat(due.toInstant()).isEqualTo(utc(30, 5, 0)));

        BackupStatus backedUp = watched.succeeded(utc(30, 5, 0), "backup-20261130-020000");
        assertThat(backedUp.missed(NIGHTLY, utc(30, 20, 0))).isEmpty();
        assertThat(backedUp.behind(NIGHTLY, utc(30, 20, 0))).isFalse();
        assertThat(backedUp.missed(NIGHTLY, utc(31 - 1, 23, 59))).isEmpty();
    }

    @Test
    void aFailureCountsUntilABackupSucceeds() {
        BackupStatus status = new BackupStatus(utc(29, 12, 0), null, null, null, null, null);
        assertThat(status.failing()).isFalse();
        BackupStatus failed = status.attempted(utc(30, 5, 0)).failed(utc(30, 5, 1), "disk full");
        assertThat(failed.failing()).isTrue();
        assertThat(failed.succeeded(utc(30, 6, 0), "backup-20261130-030000").failing())
                .isFalse();
    }

    @Test
    void isKeptInTheDataFolderAcrossRestarts(@TempDir Path dataDir) throws Exception {
        Instant now = utc(30, 12, 0);
        BackupStatus fresh = BackupStatus.read(dataDir, now);
        assertThat(fresh.watchedSince()).isEqualTo(now);
        fresh.failed(now, "the copy place is not writable").write(dataDir);
        BackupStatus again = BackupStatus.read(dataDir, now.plusSeconds(3600));
        assertThat(again.failing()).isTrue();
        assertThat(again.watchedSince()).isEqualTo(now);

        Files.writeString(dataDir.resolve(BackupStatus.FILE), "{not json");
        assertThat(BackupStatus.read(dataDir, now).failing())
                .as("an unreadable status is a failure")
                .isTrue();
    }

    @Test
    void healthIsDownWhenABackupFailedOrDidNotRun() {
        BackupStatus watched = new BackupStatus(utc(29, 12, 0), null, null, null, null, null);
        assertThat(health(watched, NIGHTLY, utc(30, 5, 30))).isEqualTo(Status.UP);
        assertThat(health(watched, NIGHTLY, utc(30, 6, 1)))
                .as("02:00 passed an hour ago")
                .isEqualTo(Status.DOWN);
        assertThat(health(watched, null, utc(30, 6, 1))).as("backups off").isEqualTo(Status.UP);
        BackupStatus made = watched.succeeded(utc(30, 5, 0), "backup-20261130-020000");
        assertThat(health(made, NIGHTLY, utc(30, 20, 0))).isEqualTo(Status.UP);
        assertThat(health(made.failed(utc(30, 21, 0), "no room"), NIGHTLY, utc(30, 21, 1)))
                .isEqualTo(Status.DOWN);
    }

    private static Status health(BackupStatus status, CronExpression schedule, Instant now) {
        Health.Builder health = new Health.Builder();
        BackupHealthIndicator.judge(status, schedule, now, health);
        return health.build().getStatus();
    }
}
