package sr.gov.vpflow.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's settings, bound from the VPFLOW_* environment variables (see application.properties
 * and the README).
 */
@Validated
@ConfigurationProperties("vpflow")
public record VpFlowProperties(
        @NotNull(message = "set VPFLOW_DATA_DIR to a writable folder")
        Path dataDir,

        @Valid @NotNull Db db,
        Path storageDir,

        @Min(value = 1, message = "VPFLOW_MAX_UPLOAD_MB must be at least 1")
        @Max(value = 102_400, message = "VPFLOW_MAX_UPLOAD_MB must be at most 102400")
        int maxUploadMb,

        boolean demo,
        @Valid @NotNull Login login) {

    /** The owner connection (absent: embedded PostgreSQL) and the application's login role. */
    public record Db(String url, String user, String password, String appUser, String appPassword) {
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /** Throttling of repeated failed logins. */
    public record Login(
            @Min(1) int maxFailures,
            @Min(1) int firstLockSeconds,
            @Min(1) int maxLockSeconds,
            @Min(4) @Max(16) int bcryptStrength) {}

    public Path resolvedStorageDir() {
        return storageDir != null && !storageDir.toString().isBlank() ? storageDir : dataDir.resolve("documents");
    }
}
