package sr.gov.vpflow.backup;

import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;
import sr.gov.vpflow.documents.DocumentSettings;
import sr.gov.vpflow.governance.RestorePoints;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.VpFlowProperties;

/**
 * Whether the office's data is safe, for the administrator: the free space of the folders VP-Flow
 * writes to (low below VPFLOW_MIN_FREE_DISK_MB, when health is DOWN too) and how the backups go.
 */
@Service
public class SystemStatus {

    private final VpFlowProperties properties;
    private final RestorePoints points;
    private final Backups backups;
    private final BackupSettings settings;
    private final DocumentSettings documents;
    private final CronExpression schedule;
    private final long minFreeBytes;
    private final Clock clock;

    SystemStatus(
            VpFlowProperties properties,
            RestorePoints points,
            Backups backups,
            BackupSettings settings,
            DocumentSettings documents,
            Clock clock) {
        this.properties = properties;
        this.points = points;
        this.backups = backups;
        this.settings = settings;
        this.documents = documents;
        this.schedule = BackupScheduler.parse(settings);
        this.minFreeBytes = properties.minFreeDiskMb() * 1024 * 1024;
        this.clock = clock;
    }

    /** A folder and the free space of its disk; the sizes are -1 when the disk cannot be read. */
    public record Folder(String name, String path, long freeBytes, long totalBytes, boolean low) {

        /** For the page: whole megabytes. */
        public long freeMb() {
            return freeBytes / (1024 * 1024);
        }

        public long totalMb() {
            return totalBytes / (1024 * 1024);
        }
    }

    /** The backups: the schedule and the next time, where they are copied, the last one and what went wrong. */
    public record Backup(
            @Nullable String schedule,
            @Nullable OffsetDateTime next,
            @Nullable String copyTo,
            @Nullable String lastBackup,
            @Nullable OffsetDateTime lastSuccess,
            boolean failing,
            @Nullable OffsetDateTime failedAt,
            @Nullable String failure,
            @Nullable OffsetDateTime missed) {}

    public record View(
            List<Folder> folders,
            long minFreeBytes,
            @Nullable Backup backup) {

        public long minFreeMb() {
            return minFreeBytes / (1024 * 1024);
        }
    }

    public View now() {
        List<Folder> folders = new ArrayList<>();
        folders.add(folder("data", properties.dataDir()));
        folders.add(folder("documents", documents.localFolder()));
        folders.add(folder("restore_points", points.folder()));
        Instant now = clock.instant();
        BackupStatus status = backups.status();
        Backup backup = new Backup(
                schedule == null ? "off" : settings.schedule().strip(),
                schedule == null
                        ? null
                        : java.util.Optional.ofNullable(schedule.next(now.atZone(OfficeTime.ZONE)))
                                .map(java.time.ZonedDateTime::toOffsetDateTime)
                                .orElse(null),
                settings.copied() ? settings.copyTo().strip() : null,
                status.lastBackup(),
                office(status.lastSuccess()),
                status.failing(),
                status.failing() ? office(status.lastFailure()) : null,
                status.failing() ? status.failure() : null,
                schedule == null
                        ? null
                        : status.missed(schedule, now)
                                .map(t -> t.toOffsetDateTime())
                                .orElse(null));
        return new View(List.copyOf(folders), minFreeBytes, backup);
    }

    private static OffsetDateTime office(Instant instant) {
        return instant == null ? null : instant.atZone(OfficeTime.ZONE).toOffsetDateTime();
    }

    private Folder folder(String name, Path folder) {
        Path path = folder.toAbsolutePath().normalize();
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            FileStore disk = Files.getFileStore(existing == null ? path : existing);
            long free = disk.getUsableSpace();
            return new Folder(name, path.toString(), free, disk.getTotalSpace(), free < minFreeBytes);
        } catch (IOException e) {
            return new Folder(name, path.toString(), -1, -1, true);
        }
    }
}
