package sr.gov.vpflow.backup;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's backup settings (README, "Backups").
 *
 * @param schedule when backups run: a cron expression of six fields (second minute hour day month
 *                 weekday) in Paramaribo time, or {@code off}; VPFLOW_BACKUP_SCHEDULE
 * @param keep     how many to keep, e.g. {@code 7 daily, 4 weekly, 12 monthly}; VPFLOW_BACKUP_KEEP
 * @param copyTo   where each backup is copied: a folder (another disk, a mounted share) or
 *                 {@code s3://bucket/prefix}; empty: no copy; VPFLOW_BACKUP_COPY_TO
 */
@ConfigurationProperties("vpflow.backup")
public record BackupSettings(String schedule, String keep, String copyTo, S3 s3) {

    /** The S3-compatible service of an {@code s3://} copy: VPFLOW_BACKUP_S3_*. */
    public record S3(String endpoint, String region, String accessKey, String secretKey) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", accessKey=" + accessKey + ", secretKey="
                    + (secretKey == null || secretKey.isEmpty() ? "" : "(hidden)") + "]";
        }
    }

    boolean scheduled() {
        return schedule != null && !schedule.isBlank() && !"off".equalsIgnoreCase(schedule.strip());
    }

    boolean copied() {
        return copyTo != null && !copyTo.isBlank();
    }
}
