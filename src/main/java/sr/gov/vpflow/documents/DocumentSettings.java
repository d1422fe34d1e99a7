package sr.gov.vpflow.documents;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's settings of the documents (README, "Documents").
 *
 * @param dataDir VP-Flow's data folder, the default home of the store
 * @param storageDir where the document contents live; empty: {@code <data dir>/documents};
 *     VPFLOW_STORAGE_DIR
 * @param maxUploadMb the largest upload; VPFLOW_MAX_UPLOAD_MB
 */
@Validated
@ConfigurationProperties("vpflow")
public record DocumentSettings(
        Path dataDir,
        Path storageDir,

        @Min(value = 1, message = "VPFLOW_MAX_UPLOAD_MB must be at least 1")
        @Max(value = 102_400, message = "VPFLOW_MAX_UPLOAD_MB must be at most 102400")
        int maxUploadMb) {

    /** The folder of the local store. */
    public Path storage() {
        return storageDir != null && !storageDir.toString().isBlank() ? storageDir : dataDir.resolve("documents");
    }
}
