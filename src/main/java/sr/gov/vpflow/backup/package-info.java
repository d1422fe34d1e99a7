/**
 * Backups that run themselves: on a schedule, a restore point of the database, verified, with
 * the document contents it names, copied off the machine (a folder on another disk or an
 * S3-compatible bucket), old ones removed by a retention rule; a backup that failed or did not
 * run shows in health. A lost machine is restored from the copy ({@code backup fetch}).
 */
@ApplicationModule(
        allowedDependencies = {
            "audit",
            "documents",
            "governance",
            "platform",
            "platform :: db",
            "platform :: security",
            "platform :: storage",
            "platform :: web"
        })
package sr.gov.vpflow.backup;

import org.springframework.modulith.ApplicationModule;
