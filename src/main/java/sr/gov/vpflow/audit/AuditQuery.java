package sr.gov.vpflow.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.SchemaFeatures;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit log. Which events a caller sees is decided by the database's row-level
 * security (vp: all; secretary: her own account and the records she can see; admin: accounts
 * and the system), so every method simply asks for what it wants.
 */
@Service
public class AuditQuery {

    /** More events than any single record gathers; a history longer than this is cut. */
    public static final int HISTORY_MAX = 1000;

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private static final String ENTRY = """
            SELECT a.id, a.seq, a.occurred_at, a.actor_id, u.display_name AS actor_display_name, a.actor_role,
                   a.event_type, a.entity_type, a.entity_id, a.details::text AS details
            FROM audit_logs a LEFT JOIN user_names u ON u.id = a.actor_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SchemaFeatures features;

    AuditQuery(JdbcClient jdbc, JsonMapper json, SchemaFeatures features) {
        this.jdbc = jdbc;
        this.json = json;
        this.features = features;
    }

    /** A page of events, newest first; the cursor is the sequence number of the last event shown. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> search(AuditFilter filter, String cursor, int limit) {
        Long before = seq(cursor);
        List<AuditEntry> rows = jdbc.sql(ENTRY + """
                         WHERE (CAST(:entityType AS text) IS NULL OR a.entity_type = CAST(:entityType AS text))
                           AND (CAST(:entityId AS uuid) IS NULL OR a.entity_id = CAST(:entityId AS uuid))
                           AND (CAST(:eventType AS text) IS NULL OR a.event_type = CAST(:eventType AS text))
                           AND (CAST(:actorId AS uuid) IS NULL OR a.actor_id = CAST(:actorId AS uuid))
                           AND (CAST(:from AS timestamptz) IS NULL OR a.occurred_at >= CAST(:from AS timestamptz))
                           AND (CAST(:to AS timestamptz) IS NULL OR a.occurred_at < CAST(:to AS timestamptz))
                           AND (CAST(:before AS bigint) IS NULL OR a.seq < CAST(:before AS bigint))
                         ORDER BY a.seq DESC
                         LIMIT :limit""")
                .param("entityType", blankToNull(filter.entityType()))
                .param("entityId", filter.entityId())
                .param("eventType", blankToNull(filter.eventType()))
                .param("actorId", filter.actorId())
                .param("from", filter.from())
                .param("to", filter.to())
                .param("before", before)
                .param("limit", limit + 1)
                .query(this::entry)
                .list();
        return Page.of(rows, limit, e -> Long.toString(e.seq()));
    }

    /** The events about one record, oldest first; the cursor is the sequence number of the last event shown. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> history(String entityType, UUID entityId, String cursor, int limit) {
        Long after = seq(cursor);
        List<AuditEntry> rows = jdbc.sql(ENTRY + """
                         WHERE a.entity_type = :entityType AND a.entity_id = :entityId
                           AND (CAST(:after AS bigint) IS NULL OR a.seq > CAST(:after AS bigint))
                         ORDER BY a.seq
                         LIMIT :limit""")
                .param("entityType", entityType)
                .param("entityId", entityId)
                .param("after", after)
                .param("limit", limit + 1)
                .query(this::entry)
                .list();
        return Page.of(rows, limit, e -> Long.toString(e.seq()));
    }

    /** The whole history of one record, oldest first (at most {@link #HISTORY_MAX} events). */
    @Transactional(readOnly = true)
    public List<AuditEntry> history(String entityType, UUID entityId) {
        return history(entityType, entityId, null, HISTORY_MAX).items();
    }

    /**
     * The first event of a type about each of some records, by record id: one query for a whole
     * list (such as the upload event that keeps each document's original file name).
     */
    @Transactional(readOnly = true)
    public Map<UUID, AuditEntry> first(String eventType, String entityType, Collection<UUID> entityIds) {
        if (entityIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql(ENTRY + """
                         WHERE a.id IN (SELECT DISTINCT ON (x.entity_id) x.id FROM audit_logs x
                                        WHERE x.entity_type = :entityType AND x.entity_id IN (:ids)
                                          AND x.event_type = :eventType
                                        ORDER BY x.entity_id, x.seq)""")
                .param("entityType", entityType)
                .param("ids", List.copyOf(entityIds))
                .param("eventType", eventType)
                .query(this::entry)
                .list()
                .stream()
                .collect(Collectors.toMap(AuditEntry::entityId, e -> e));
    }

    /**
     * The events about one record and, where the database has documents (v1.1-A), the events of
     * the documents linked to it from the moment of their link on, oldest first: one timeline of
     * the record ({@code entityType} is one that documents link to: guest, appointment, case). The
     * links come from {@code document_links_of(entity_type, entity_id)}, the function the
     * documents module publishes (V1_0_72), run with the caller's rights and row-level security, so a secretary's timeline holds no event of a {@code vp} document (neither the link
     * nor the event is visible to her).
     */
    @Transactional(readOnly = true)
    public Page<AuditEntry> timeline(String entityType, UUID entityId, String cursor, int limit) {
        if (!features.isDocuments()) {
            return history(entityType, entityId, cursor, limit);
        }
        Long after = seq(cursor);
        // two index look-ups (the record's events; the linked documents' events), not one scan
        List<AuditEntry> rows = jdbc.sql("""
                        SELECT * FROM (
                            %1$s WHERE a.entity_type = :entityType AND a.entity_id = :entityId
                            UNION ALL
                            %1$s JOIN document_links_of(:entityType, :entityId) l ON l.document_id = a.entity_id
                                 WHERE a.entity_type = 'document' AND a.occurred_at >= l.linked_at
                        ) t
                        WHERE CAST(:after AS bigint) IS NULL OR t.seq > CAST(:after AS bigint)
                        ORDER BY t.seq
                        LIMIT :limit""".formatted(ENTRY))
                .param("entityType", entityType)
                .param("entityId", entityId)
                .param("after", after)
                .param("limit", limit + 1)
                .query(this::entry)
                .list();
        return Page.of(rows, limit, e -> Long.toString(e.seq()));
    }

    /** The whole timeline of one record, oldest first (at most {@link #HISTORY_MAX} events). */
    @Transactional(readOnly = true)
    public List<AuditEntry> timeline(String entityType, UUID entityId) {
        return timeline(entityType, entityId, null, HISTORY_MAX).items();
    }

    /** How many events of one type a record has had, as far as the caller may see. */
    @Transactional(readOnly = true)
    public long count(String entityType, UUID entityId, String eventType) {
        return jdbc.sql("""
                        SELECT count(*) FROM audit_logs
                        WHERE entity_type = :entityType AND entity_id = :entityId AND event_type = :eventType""")
                .param("entityType", entityType)
                .param("entityId", entityId)
                .param("eventType", eventType)
                .query(Long.class)
                .single();
    }

    /** The registered event types, for a filter. */
    @Transactional(readOnly = true)
    public List<String> eventTypes() {
        return jdbc.sql("SELECT code FROM audit_event_types ORDER BY code")
                .query(String.class)
                .list();
    }

    /** The accounts that can appear as actors, for a filter. */
    @Transactional(readOnly = true)
    public List<ActorChoice> actors() {
        return jdbc.sql("SELECT id, display_name, username FROM user_names ORDER BY lower(display_name), id")
                .query((rs, n) -> new ActorChoice(
                        rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("username")))
                .list();
    }

    /** An account to filter by. */
    public record ActorChoice(UUID id, String displayName, String username) {}

    private static Long seq(String cursor) {
        String key = Page.decode(cursor);
        if (key == null) {
            return null;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid_cursor", "The cursor is not valid.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private AuditEntry entry(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(
                rs.getObject("id", UUID.class),
                rs.getLong("seq"),
                OfficeTime.inOffice(rs.getObject("occurred_at", OffsetDateTime.class)),
                rs.getObject("actor_id", UUID.class),
                rs.getString("actor_display_name"),
                rs.getString("actor_role"),
                rs.getString("event_type"),
                rs.getString("entity_type"),
                rs.getObject("entity_id", UUID.class),
                json.readValue(rs.getString("details"), DETAILS));
    }
}
