package sr.gov.vpflow.documents;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A link of a document: to a guest, an appointment or a case ({@code entity_id}), or {@code none}
 * for a stand-alone document; {@code label} names the linked record as the reader sees it now.
 */
public record LinkView(
        UUID id,
        UUID documentId,

        @Schema(allowableValues = {"guest", "appointment", "case", "none"})
        String entityType,

        @Nullable UUID entityId,
        @Nullable String label,
        @Nullable UUID linkedBy,
        @Nullable String linkedByDisplayName,
        OffsetDateTime linkedAt) {

    /** The page of the linked record, or null for a stand-alone link. */
    public String entityPage() {
        return switch (entityType) {
            case "guest" -> "/guests/" + entityId;
            case "appointment" -> "/appointments/" + entityId;
            case "case" -> "/cases/" + entityId;
            default -> null;
        };
    }
}
