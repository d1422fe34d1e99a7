package sr.gov.vpflow.platform;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.application.DiskSpaceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Health turns DOWN when the data folder (the embedded database, restore points) or the document
 * store's folder has less than {@code VPFLOW_MIN_FREE_DISK_MB} free, before an upload or a commit
 * fails for want of room.
 */
@Configuration(proxyBeanMethods = false)
class DiskSpaceConfiguration {

    /** Replaces Spring Boot's check of the working folder. */
    @Bean
    DiskSpaceHealthIndicator diskSpaceHealthIndicator(
            VpFlowProperties properties, @Value("${vpflow.min-free-disk-mb}") long minFreeMb) {
        return new DiskSpaceHealthIndicator(
                properties.dataDir().toAbsolutePath().toFile(), DataSize.ofMegabytes(minFreeMb));
    }

    @Bean
    DiskSpaceHealthIndicator documentStorageDiskSpaceHealthIndicator(
            VpFlowProperties properties, @Value("${vpflow.min-free-disk-mb}") long minFreeMb) {
        return new DiskSpaceHealthIndicator(
                properties.resolvedStorageDir().toAbsolutePath().toFile(), DataSize.ofMegabytes(minFreeMb));
    }
}
