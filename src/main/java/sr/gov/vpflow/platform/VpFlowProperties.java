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

        boolean demo,
        @Valid @NotNull Login login,

        /** VPFLOW_PUBLIC_URL: the address people reach VP-Flow at (links in activations, passkeys); empty: the request's */
        String publicUrl,

        /** VPFLOW_MIN_FREE_DISK_MB: below this much free space a folder shows as low */
        @Min(0) long minFreeDiskMb,

        /** Start even if PostgreSQL would not keep committed records through a power cut (tests, benchmarks). */
        boolean allowUnsafeDurability) {

    /**
     * The owner connection (absent: embedded PostgreSQL) and the application's login role; where
     * the embedded PostgreSQL's programs are unpacked (absent: {@code <data dir>/postgres-binaries}).
     */
    public record Db(String url, String user, String password, String appUser, String appPassword, Path binariesDir) {
        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /**
     * Signing in, enforced by the database: throttling of repeated failed logins, the cost of a
     * password hash, and how long a web session lives unused and at most.
     */
    public record Login(
            @Min(1) int maxFailures,
            @Min(1) int firstLockSeconds,
            @Min(1) int maxLockSeconds,
            @Min(4) @Max(16) int bcryptStrength,

            @Min(value = 1, message = "VPFLOW_SESSION_IDLE_MINUTES must be at least 1")
            @Max(value = 1440, message = "VPFLOW_SESSION_IDLE_MINUTES must be at most 1440")
            int sessionIdleMinutes,

            @Min(value = 1, message = "VPFLOW_SESSION_MAX_HOURS must be at least 1")
            @Max(value = 168, message = "VPFLOW_SESSION_MAX_HOURS must be at most 168")
            int sessionMaxHours,

            /** VPFLOW_REQUIRE_SECOND_FACTOR: the Vice President's and the administrator's accounts need one */
            boolean requireSecondFactor,

            /** VPFLOW_SIGN_IN_FAILURES_PER_MINUTE: sign-in attempts one address may make in a minute */
            @Min(1) int failuresPerMinute,

            /** VPFLOW_SIGN_IN_FAILURES_PER_ACCOUNT: attempts on one account one address may make in 15 minutes */
            @Min(1) int failuresPerAccount) {}

    /** Where the embedded PostgreSQL's programs are unpacked: a folder only this user may reach. */
    public Path resolvedBinariesDir() {
        return db.binariesDir() != null && !db.binariesDir().toString().isBlank()
                ? db.binariesDir()
                : dataDir.resolve("postgres-binaries");
    }

    /** The public address without a trailing slash; empty when it is not set. */
    public String publicAddress() {
        return publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }
}
