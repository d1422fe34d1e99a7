package sr.gov.vpflow.governance;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import sr.gov.vpflow.platform.VpFlowProperties;

/**
 * Where restore points and reports are kept (VPFLOW_RESTORE_POINT_DIR; default
 * {@code <data dir>/restore-points}, reports in {@code <data dir>/reports}) and how many
 * connections copy tables side by side while a restore point is made.
 */
@ConfigurationProperties("vpflow.governance")
public record GovernanceSettings(Path restorePointDir, Path reportDir, Integer copyWorkers) {

    Path restorePoints(VpFlowProperties properties) {
        return blank(restorePointDir) ? properties.dataDir().resolve("restore-points") : restorePointDir;
    }

    Path reports(VpFlowProperties properties) {
        return blank(reportDir) ? properties.dataDir().resolve("reports") : reportDir;
    }

    int workers() {
        return copyWorkers == null || copyWorkers < 1 ? 2 : Math.min(copyWorkers, 8);
    }

    private static boolean blank(Path path) {
        return path == null || path.toString().isBlank();
    }
}
