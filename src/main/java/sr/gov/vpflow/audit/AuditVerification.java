package sr.gov.vpflow.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The result of recomputing the hash chain and comparing it with the signed checkpoints kept
 * outside the database: {@code {"valid": ..., "checked": ..., "first_broken": ..., "checkpoints": ...}};
 * valid only when both hold.
 */
public record AuditVerification(boolean valid, long checked, BrokenRow firstBroken, CheckpointCheck checkpoints) {

    /**
     * Where the chain first breaks. {@code reason} is {@code content_changed} (the row differs from
     * what was hashed), {@code chain_broken} (the row does not follow the one before) or
     * {@code row_missing} (the row with this number was removed; id is null).
     */
    public record BrokenRow(long seq, UUID id, String eventType, OffsetDateTime occurredAt, String reason) {}
}
