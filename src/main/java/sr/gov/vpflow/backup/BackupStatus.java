package sr.gov.vpflow.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SafeFiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * What became of the backups, kept in {@code <data dir>/backup-status.json} so that a restart
 * forgets neither a failure nor a missed backup: when watching began, the last attempt, the last
 * backup that succeeded and the last failure with its reason.
 */
public record BackupStatus(
        Instant watchedSince,
        Instant lastAttempt,
        Instant lastSuccess,
        String lastBackup,
        Instant lastFailure,
        String failure) {

    /** How long a scheduled backup may take before it counts as not run. */
    static final Duration GRACE = Duration.ofHours(1);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String FILE = "backup-status.json";

    static BackupStatus read(Path dataDir, Instant now) {
        try {
            return JSON.readValue(Files.readString(dataDir.resolve(FILE)), BackupStatus.class);
        } catch (NoSuchFileException e) {
            return new BackupStatus(now, null, null, null, null, null);
        } catch (IOException | RuntimeException e) {
            // unreadable: start watching again rather than stop the server
            return new BackupStatus(
                    now, null, null, null, now, "the backup status could not be read: " + e.getMessage());
        }
    }

    void write(Path dataDir) {
        SafeFiles.writeString(dataDir.resolve(FILE), JSON.writeValueAsString(this));
    }

    BackupStatus attempted(Instant at) {
        return new BackupStatus(watchedSince, at, lastSuccess, lastBackup, lastFailure, failure);
    }

    BackupStatus succeeded(Instant startedAt, String name) {
        return new BackupStatus(watchedSince, lastAttempt, startedAt, name, lastFailure, failure);
    }

    BackupStatus failed(Instant at, String reason) {
        return new BackupStatus(watchedSince, lastAttempt, lastSuccess, lastBackup, at, reason);
    }

    /** The last attempt failed (and none succeeded since). */
    public boolean failing() {
        return lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
    }

    /**
     * The first scheduled time since the last backup that succeeded (or since watching began) that
     * passed more than {@link #GRACE} ago without a backup: a backup that did not run.
     */
    Optional<ZonedDateTime> missed(CronExpression schedule, Instant now) {
        return due(schedule).filter(due -> due.toInstant().plus(GRACE).isBefore(now));
    }

    /** A scheduled time has passed since the last backup that succeeded: a server that was down then catches up. */
    boolean behind(CronExpression schedule, Instant now) {
        return due(schedule).filter(due -> due.toInstant().isBefore(now)).isPresent();
    }

    private Optional<ZonedDateTime> due(CronExpression schedule) {
        Instant since = lastSuccess != null ? lastSuccess : watchedSince;
        return since == null ? Optional.empty() : Optional.ofNullable(schedule.next(since.atZone(OfficeTime.ZONE)));
    }
}
