package sr.gov.vpflow.documents;

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
        String description,
        String fileType,
        long fileSize,
        String fileName,
        String sha256,
        String ownerRole,
        UUID createdBy,
        String createdByDisplayName,
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
