package sr.gov.vpflow.documents;

import java.util.UUID;

/**
 * A document to record, its content already at its address in the store: what the uploader gave
 * (title, description, an optional first link, the original file name) and what the server found
 * (the type by content, size and SHA-256).
 */
record NewDocument(
        String title,
        String description,
        EntityType linkType,
        UUID linkEntityId,
        String fileName,
        String address,
        String sha256,
        String fileType,
        long fileSize) {}
