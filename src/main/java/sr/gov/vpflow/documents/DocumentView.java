package sr.gov.vpflow.documents;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A document as the API and the pages show it: the record's columns, the uploader's name, the
 * original file name (kept in the upload's audit event) and the SHA-256 of its content (its
 * address in the document store, and its ETag).
 */
public record DocumentView(
        UUID id,
        String title,
        @Nullable String description,
        String fileType,
        long fileSize,
        @Nullable String fileName,
        @Nullable String sha256,

        @Schema(allowableValues = {"vp", "secretary", "admin"})
        String ownerRole,

        @Nullable UUID createdBy,
        @Nullable String createdByDisplayName,
        OffsetDateTime createdAt,
        boolean isActive) {

    /** PDF and the common images are shown in the page; the rest is downloaded. */
    public boolean previewable() {
        return ContentTypes.previewable(fileType);
    }

    public boolean image() {
        return previewable() && fileType.startsWith("image/");
    }

    /** The name a download gets. */
    public String downloadName() {
        return FileNames.downloadName(fileName, fileType);
    }
}
