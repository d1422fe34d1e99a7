package sr.gov.vpflow.documents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * The documents and document_links tables. What a reader may see is decided by row-level
 * security alone: a secretary's queries simply find no `vp` document and no link of one. The
 * linked records are named from the views the users, guests, appointments and cases modules
 * publish (guest_names, appointment_summaries, case_summaries, user_names), read under the same
 * rights.
 */
@Repository
class DocumentRepository {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

    private static final String ROW = """
            SELECT d.id, d.title, d.description, d.file_path, d.file_type, d.file_size, d.owner_role::text AS owner_role,
                   d.created_by, u.display_name AS created_by_display_name, d.created_at, d.is_active
            FROM documents d LEFT JOIN user_names u ON u.id = d.created_by
            """;

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A document's record; file_path is the content's address in the store. */
    record Row(
            UUID id,
            String title,
            String description,
            String filePath,
            String fileType,
            long fileSize,
            String ownerRole,
            UUID createdBy,
            String createdByDisplayName,
            OffsetDateTime createdAt,
            boolean isActive) {}

    UUID insert(String title, String description, String filePath, String fileType, long fileSize, String ownerRole) {
        return jdbc.sql("""
                        INSERT INTO documents (title, description, file_path, file_type, file_size, owner_role)
                        VALUES (:title, :description, :filePath, :fileType, :fileSize,
                                CAST(:ownerRole AS document_owner_role))
                        RETURNING id""")
                .param("title", title)
                .param("description", description)
                .param("filePath", filePath)
                .param("fileType", fileType)
                .param("fileSize", fileSize)
                .param("ownerRole", ownerRole)
                .query(UUID.class)
                .single();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql(ROW + " WHERE d.id = :id")
                .param("id", id)
                .query(DocumentRepository::row)
                .optional();
    }

    /** Newest first; {@code afterCreatedAt}/{@code afterId} are the sort key of the last row of the page before. */
    List<Row> list(DocumentFilter filter, OffsetDateTime afterCreatedAt, UUID afterId, int limit) {
        return jdbc.sql(ROW + """
                         WHERE (CAST(:includeInactive AS boolean) OR d.is_active)
                           AND (CAST(:q AS text) IS NULL
                                OR search_key(d.title) LIKE '%' || search_key(CAST(:q AS text)) || '%'
                                OR search_key(d.description) LIKE '%' || search_key(CAST(:q AS text)) || '%')
                           AND (CAST(:entityType AS text) IS NULL OR EXISTS (
                                SELECT FROM document_links l WHERE l.document_id = d.id
                                   AND l.entity_type = CAST(CAST(:entityType AS text) AS document_entity_type)
                                   AND l.entity_id IS NOT DISTINCT FROM CAST(:entityId AS uuid)))
                           AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
                                OR (d.created_at, d.id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid)))
                         ORDER BY d.created_at DESC, d.id DESC
                         LIMIT :limit""")
                .param("includeInactive", filter.includeInactive())
                .param("q", likePattern(filter.q()))
                .param(
                        "entityType",
                        filter.entityType() == null ? null : filter.entityType().code())
                .param("entityId", filter.entityId())
                .param("afterCreatedAt", afterCreatedAt)
                .param("afterId", afterId)
                .param("limit", limit)
                .query(DocumentRepository::row)
                .list();
    }

    /** Every active document's address and size, for checking the store; as the caller sees them. */
    List<Row> active() {
        return jdbc.sql(ROW + " WHERE d.is_active ORDER BY d.created_at, d.id")
                .query(DocumentRepository::row)
                .list();
    }

    /** Every content address that a document record names, deactivated ones included. */
    java.util.Set<String> addresses() {
        return new java.util.HashSet<>(jdbc.sql("SELECT DISTINCT file_path FROM documents")
                .query(String.class)
                .list());
    }

    /** Deactivates an active document; false when it is not there or not active (any more). */
    boolean deactivate(UUID id) {
        return jdbc.sql("UPDATE documents SET is_active = false WHERE id = :id AND is_active RETURNING id")
                .param("id", id)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    /** Inserts a link; empty when the document has that link already. */
    Optional<UUID> link(UUID documentId, EntityType type, UUID entityId) {
        return jdbc.sql("""
                        INSERT INTO document_links (document_id, entity_type, entity_id)
                        VALUES (:documentId, CAST(:type AS document_entity_type), CAST(:entityId AS uuid))
                        ON CONFLICT ON CONSTRAINT document_links_unique DO NOTHING
                        RETURNING id""")
                .param("documentId", documentId)
                .param("type", type.code())
                .param("entityId", entityId)
                .query(UUID.class)
                .optional();
    }

    boolean linked(UUID documentId, EntityType type, UUID entityId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT FROM document_links WHERE document_id = :documentId
                            AND entity_type = CAST(:type AS document_entity_type)
                            AND entity_id IS NOT DISTINCT FROM CAST(:entityId AS uuid))""")
                .param("documentId", documentId)
                .param("type", type.code())
                .param("entityId", entityId)
                .query(Boolean.class)
                .single();
    }

    /** Whether the record exists for the caller (under the caller's rights). */
    boolean entityVisible(EntityType type, UUID id) {
        String table = switch (type) {
            case GUEST -> "guest_names";
            case APPOINTMENT -> "appointment_summaries";
            case CASE -> "case_summaries";
            case NONE -> throw new IllegalArgumentException("a stand-alone link names no record");
        };
        return jdbc.sql("SELECT EXISTS (SELECT FROM " + table + " WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /** The links of a document, oldest first, each with the name of its record. */
    List<LinkView> links(UUID documentId) {
        return jdbc.sql("""
                        SELECT l.id, l.document_id, l.entity_type::text AS entity_type, l.entity_id, l.linked_by,
                               u.display_name AS linked_by_display_name, l.linked_at,
                               g.full_name, ap.subject, ap.starts_at, c.reference, c.title
                        FROM document_links l
                        LEFT JOIN user_names u ON u.id = l.linked_by
                        LEFT JOIN guest_names g ON l.entity_type = 'guest' AND g.id = l.entity_id
                        LEFT JOIN appointment_summaries ap ON l.entity_type = 'appointment' AND ap.id = l.entity_id
                        LEFT JOIN case_summaries c ON l.entity_type = 'case' AND c.id = l.entity_id
                        WHERE l.document_id = :documentId
                        ORDER BY l.linked_at, l.id
                        LIMIT 1000""")
                .param("documentId", documentId)
                .query(DocumentRepository::link)
                .list();
    }

    /** The text searched for, with LIKE's wildcards taken literally; null when there is nothing to search. */
    static String likePattern(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        return q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return OfficeTime.inOffice(rs.getObject(column, OffsetDateTime.class));
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                rs.getString("file_path"),
                rs.getString("file_type"),
                rs.getLong("file_size"),
                rs.getString("owner_role"),
                rs.getObject("created_by", UUID.class),
                rs.getString("created_by_display_name"),
                time(rs, "created_at"),
                rs.getBoolean("is_active"));
    }

    private static LinkView link(ResultSet rs, int n) throws SQLException {
        String type = rs.getString("entity_type");
        String label = switch (type) {
            case "guest" -> rs.getString("full_name");
            case "appointment" ->
                rs.getString("subject") == null
                        ? null
                        : rs.getString("subject") + ", " + WHEN.format(time(rs, "starts_at"));
            case "case" ->
                rs.getString("reference") == null ? null : rs.getString("reference") + " " + rs.getString("title");
            default -> null;
        };
        return new LinkView(
                rs.getObject("id", UUID.class),
                rs.getObject("document_id", UUID.class),
                type,
                rs.getObject("entity_id", UUID.class),
                label,
                rs.getObject("linked_by", UUID.class),
                rs.getString("linked_by_display_name"),
                time(rs, "linked_at"));
    }
}
