package sr.gov.vpflow.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something that happened to a record. Who did it, when, and its place in the chain are added
 * by the database.
 */
public record AuditEvent(String type, String entityType, UUID entityId, Map<String, Object> details) {

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(entityType, "entityType");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static AuditEvent of(String type, String entityType, UUID entityId) {
        return new AuditEvent(type, entityType, entityId, Map.of());
    }

    public AuditEvent with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new AuditEvent(type, entityType, entityId, more);
    }
}
