package sr.gov.vpflow.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The result of recomputing the hash chain and comparing it with the signed checkpoints kept
 * outside the database: {@code {"valid": ..., "checked": ..., "first_broken": ..., "checkpoints": ...}};
 * valid only when both hold.
 */
public record AuditVerification(
        boolean valid,
        long checked,
        @Nullable BrokenRow firstBroken,
        @Nullable CheckpointCheck checkpoints) {

    /**
     * Where the chain first breaks. {@code reason} is {@code content_changed} (the row differs from
     * what was hashed), {@code chain_broken} (the row does not follow the one before) or
     * {@code row_missing} (the row with this number was removed; id is null).
     */
    public record BrokenRow(
            long seq,
            @Nullable UUID id,
            @Nullable String eventType,
            @Nullable OffsetDateTime occurredAt,

            @Schema(allowableValues = {"content_changed", "chain_broken", "row_missing"})
            String reason) {}
}
