package sr.gov.vpflow.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What an audit query is narrowed to; every part may be null. {@code from} is inclusive,
 * {@code to} exclusive.
 */
public record AuditFilter(
        String entityType, UUID entityId, String eventType, UUID actorId, OffsetDateTime from, OffsetDateTime to) {

    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null);
    }
}
