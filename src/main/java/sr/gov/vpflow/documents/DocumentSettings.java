package sr.gov.vpflow.documents;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The operator's settings of the documents (README, "Documents" and "Document storage").
 *
 * @param dataDir VP-Flow's data folder, the default home of the store
 * @param storageDir where the document contents live; empty: {@code <data dir>/documents};
 *     VPFLOW_STORAGE_DIR
 * @param maxUploadMb the largest upload; VPFLOW_MAX_UPLOAD_MB
 * @param store the kind of store: {@code local} (a folder, the default) or {@code s3} (a bucket);
 *     VPFLOW_STORAGE
 * @param s3 the bucket of the {@code s3} store: VPFLOW_S3_*
 */
@Validated
@ConfigurationProperties("vpflow")
public record DocumentSettings(
        Path dataDir,
        Path storageDir,

        @Min(value = 1, message = "VPFLOW_MAX_UPLOAD_MB must be at least 1")
        @Max(value = 102_400, message = "VPFLOW_MAX_UPLOAD_MB must be at most 102400")
        int maxUploadMb,

        @Pattern(regexp = "local|s3", message = "VPFLOW_STORAGE must be local or s3")
        String store,

        @Valid S3 s3) {

    /** The local store's kind, the default. */
    public static final String LOCAL = "local";

    /** The S3-compatible store's kind. */
    public static final String S3 = "s3";

    /**
     * The bucket of the {@code s3} store.
     *
     * @param endpoint the service's URL (MinIO, Ceph RGW, Garage); empty for AWS S3; VPFLOW_S3_ENDPOINT
     * @param bucket the bucket, which must exist; VPFLOW_S3_BUCKET
     * @param region the region; VPFLOW_S3_REGION
     * @param accessKey with the secret key; both empty: the AWS SDK's default chain (AWS_ACCESS_KEY_ID,
     *     a profile, an instance role); VPFLOW_S3_ACCESS_KEY
     * @param secretKey VPFLOW_S3_SECRET_KEY, never logged
     * @param pathStyle the bucket in the path rather than the host name; VPFLOW_S3_PATH_STYLE
     * @param abandonedUploadHours a multipart upload begun longer ago than this and never completed
     *     was cut off (a crash) and is aborted at start-up; VPFLOW_S3_ABANDONED_UPLOAD_HOURS
     */
    public record S3(
            String endpoint,
            String bucket,
            String region,
            String accessKey,
            String secretKey,
            boolean pathStyle,

            @Min(value = 1, message = "VPFLOW_S3_ABANDONED_UPLOAD_HOURS must be at least 1")
            int abandonedUploadHours) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", accessKey="
                    + accessKey + ", secretKey=" + (secretKey == null || secretKey.isEmpty() ? "" : "(hidden)")
                    + ", pathStyle=" + pathStyle + "]";
        }
    }

    /** The folder of the local store. */
    public Path storage() {
        return storageDir != null && !storageDir.toString().isBlank() ? storageDir : dataDir.resolve("documents");
    }

    /**
     * The folder on this machine that uploads fill: the local store's, or, with a bucket, where
     * uploads are received before they are sent to it.
     */
    public Path localFolder() {
        return S3.equals(kind()) ? staging() : storage();
    }

    /** Where uploads to a bucket are received, hashed and counted before they are sent to it. */
    Path staging() {
        return dataDir.resolve("upload-staging");
    }

    /** The kind of store that holds the contents: {@link #LOCAL} or {@link #S3}. */
    public String kind() {
        return store == null || store.isBlank() ? LOCAL : store;
    }
}
