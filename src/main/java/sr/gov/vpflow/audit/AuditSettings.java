package sr.gov.vpflow.audit;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import sr.gov.vpflow.platform.VpFlowProperties;

/**
 * The operator's settings of the audit log (README, "Audit log").
 *
 * @param signingKey the file of the key that signs checkpoints; empty: {@code <data dir>/secrets/
 *     audit-signing-key}; VPFLOW_AUDIT_SIGNING_KEY
 * @param checkpointDir where checkpoints are written (best on another disk); empty: {@code <data
 *     dir>/audit-checkpoints}; VPFLOW_AUDIT_CHECKPOINT_DIR
 * @param checkpointMinutes how often a checkpoint is written while events come; at least 1;
 *     VPFLOW_AUDIT_CHECKPOINT_MINUTES
 */
@ConfigurationProperties("vpflow.audit")
public record AuditSettings(String signingKey, String checkpointDir, Long checkpointMinutes) {

    Path keyFile(VpFlowProperties properties) {
        return blank(signingKey)
                ? properties.dataDir().resolve("secrets").resolve("audit-signing-key")
                : Path.of(signingKey);
    }

    Path checkpoints(VpFlowProperties properties) {
        return blank(checkpointDir) ? properties.dataDir().resolve("audit-checkpoints") : Path.of(checkpointDir);
    }

    long minutes() {
        return checkpointMinutes == null ? 5 : Math.max(1, checkpointMinutes);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
