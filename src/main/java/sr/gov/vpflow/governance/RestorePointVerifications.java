package sr.gov.vpflow.governance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SafeFiles;

/**
 * Where the last verification of each restore point is kept: {@code .verifications/<name>.json} in
 * the restore point folder, outside the restore point itself (whose files its manifest names and
 * which a backup copies as they are). A hidden folder is no restore point to {@link RestorePoints#list()}.
 */
final class RestorePointVerifications {

    private static final Logger log = LoggerFactory.getLogger(RestorePointVerifications.class);

    private final Path folder;
    private final Clock clock;

    RestorePointVerifications(Path root, Clock clock) {
        this.folder = root.resolve(".verifications");
        this.clock = clock;
    }

    /**
     * Keeps the result. A result that cannot be written leaves the restore point unverified in
     * the list (said in the log); the verification itself stands.
     */
    void record(Path point, RestorePointCheck check) {
        RestorePointVerification verification = new RestorePointVerification(
                check.name(),
                OfficeTime.now(clock).toOffsetDateTime().toString(),
                check.intact(),
                check.restorable(),
                check.problems(),
                manifestSha256(point).orElse(""));
        try {
            SafeFiles.privateDirectory(folder);
            SafeFiles.writeString(file(check.name()), Manifests.JSON.writeValueAsString(verification));
        } catch (IOException | UncheckedIOException e) {
            log.warn("the verification of restore point {} could not be kept: {}", check.name(), e.getMessage());
        }
    }

    /** The last verification of this very restore point (its manifest unchanged since), if any. */
    Optional<RestorePointVerification> last(Path point, String name) {
        Path file = file(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            RestorePointVerification v = Manifests.JSON.readValue(file.toFile(), RestorePointVerification.class);
            return manifestSha256(point)
                    .filter(sha -> sha.equals(v.manifestSha256()))
                    .map(sha -> v);
        } catch (RuntimeException e) {
            log.warn("the verification of restore point {} cannot be read: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    void forget(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            log.warn("the verification of restore point {} could not be removed: {}", name, e.getMessage());
        }
    }

    private Path file(String name) {
        return folder.resolve(name + ".json");
    }

    /** The manifest's recorded SHA-256 (manifest.sha256), which names this restore point's contents. */
    private static Optional<String> manifestSha256(Path point) {
        try {
            String recorded =
                    Files.readString(point.resolve(Manifests.MANIFEST_SHA256)).strip();
            return recorded.isEmpty() ? Optional.empty() : Optional.of(recorded.split("\\s+")[0]);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
