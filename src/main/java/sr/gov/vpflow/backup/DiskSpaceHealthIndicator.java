package sr.gov.vpflow.backup;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health is DOWN when a folder VP-Flow writes to (data, documents, restore points and backups)
 * has less than VPFLOW_MIN_FREE_DISK_MB free, before an upload, a commit or a backup fails for
 * want of room. It replaces Spring Boot's check of the working folder.
 */
@Component("diskSpaceHealthIndicator")
class DiskSpaceHealthIndicator extends AbstractHealthIndicator {

    private final SystemStatus status;

    DiskSpaceHealthIndicator(SystemStatus status) {
        super("the free disk space could not be read");
        this.status = status;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        SystemStatus.View view = status.now();
        health.withDetail("threshold", view.minFreeBytes());
        for (SystemStatus.Folder folder : view.folders()) {
            health.withDetail(folder.name(), folder.freeBytes());
        }
        if (view.folders().stream().anyMatch(SystemStatus.Folder::low)) {
            health.down();
        } else {
            health.up();
        }
    }
}
