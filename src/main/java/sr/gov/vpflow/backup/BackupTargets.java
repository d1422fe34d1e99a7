package sr.gov.vpflow.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.storage.FolderObjectStore;
import sr.gov.vpflow.platform.storage.ObjectStore;
import sr.gov.vpflow.platform.storage.S3ObjectStore;

/** The place backups are copied to (VPFLOW_BACKUP_COPY_TO): a folder, or a bucket of an S3-compatible service. */
@Component
class BackupTargets {

    private static final Logger log = LoggerFactory.getLogger(BackupTargets.class);
    private final BackupSettings settings;
    private final Path dataDir;

    BackupTargets(BackupSettings settings, VpFlowProperties properties) {
        this.settings = settings;
        this.dataDir = properties.dataDir();
        if (!settings.copied()) {
            return;
        }
        if (settings.copyTo().strip().startsWith("s3://")) {
            open().ifPresent(BackupTargets::close); // a malformed location stops the start
        }
    }

    /** Says so in the log when the copy place is a folder on the data folder's disk, which is no protection. */
    void warnIfSameDisk() {
        if (settings.copied()
                && !settings.copyTo().strip().startsWith("s3://")
                && sameDisk(Path.of(settings.copyTo().strip()))) {
            log.warn(
                    "VPFLOW_BACKUP_COPY_TO {} is on the same disk as the data folder: a failing disk takes both",
                    settings.copyTo());
        }
    }

    /** The copy place, opened; empty when none is set. Close it with {@link #close}. */
    Optional<ObjectStore> open() {
        if (!settings.copied()) {
            return Optional.empty();
        }
        String to = settings.copyTo().strip();
        if (to.startsWith("s3://")) {
            BackupSettings.S3 s3 =
                    settings.s3() == null ? new BackupSettings.S3(null, null, null, null) : settings.s3();
            return Optional.of(new S3ObjectStore(to, s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey()));
        }
        return Optional.of(new FolderObjectStore(Path.of(to)));
    }

    static void close(ObjectStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("could not close the connection to {}: {}", store.location(), e.getMessage());
            }
        }
    }

    private boolean sameDisk(Path folder) {
        try {
            Path existing = folder.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing != null && Files.getFileStore(existing).equals(Files.getFileStore(dataDir));
        } catch (IOException e) {
            return false;
        }
    }
}
