package sr.gov.vpflow.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One event of the audit log as a reader sees it: who (with the display name the account has
 * now), when, what, about which record, and its details, such as
 * {@code {"changes": {"title": {"from": ..., "to": ...}}}}.
 */
public record AuditEntry(
        UUID id,
        long seq,
        OffsetDateTime occurredAt,
        @Nullable UUID actorId,
        @Nullable String actorDisplayName,
        @Nullable String actorRole,
        String eventType,
        String entityType,
        @Nullable UUID entityId,

        @Schema(
                description =
                        "what the event recorded: changed fields as {\"changes\": {field: {from, to}}}, a reason, ...",
                additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        @Nullable
        Map<String, Object> details) {

    /** A field that changed, or (for a new record) the value it started with, {@code from} then null. */
    public record Change(String field, Object from, Object to, boolean initial) {}

    /**
     * The changes the event records: {@code details.changes} (before and after), and for a new
     * record {@code details.values} (what it started with).
     */
    public List<Change> changeList() {
        List<Change> list = new ArrayList<>();
        if (details.get("values") instanceof Map<?, ?> values) {
            values.forEach((field, value) -> list.add(new Change(String.valueOf(field), null, value, true)));
        }
        if (details.get("changes") instanceof Map<?, ?> changes) {
            changes.forEach((field, change) -> {
                if (change instanceof Map<?, ?> fromTo) {
                    list.add(new Change(String.valueOf(field), fromTo.get("from"), fromTo.get("to"), false));
                }
            });
        }
        return list;
    }
}
