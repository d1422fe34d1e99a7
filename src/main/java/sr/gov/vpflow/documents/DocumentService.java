package sr.gov.vpflow.documents;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.audit.AuditEntry;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.audit.AuditQuery;
import sr.gov.vpflow.audit.Changes;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;

/**
 * Documents for the Vice President and the secretaries: recording uploads, links, deactivation,
 * and every view and download, each audited in the transaction of its change. Which document a
 * caller may see is the database's decision (row-level security): a secretary's reads never find
 * a `vp` document, so she gets 404 exactly as for a document that does not exist.
 */
@Service
public class DocumentService {

    private static final Logger log = LoggerFactory.getLogger(DocumentService.class);
    static final String ENTITY = "document";
    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 4000;
    static final int REASON_MAX = 1000;

    private final DocumentRepository documents;
    private final AuditLog audit;
    private final AuditQuery auditQuery;
    private final TransactionTemplate tx;

    DocumentService(DocumentRepository documents, AuditLog audit, AuditQuery auditQuery, TransactionTemplate tx) {
        this.documents = documents;
        this.audit = audit;
        this.auditQuery = auditQuery;
        this.tx = tx;
    }

    /** Records an uploaded document (its content already kept) with its first link, if one was asked for. */
    DocumentView create(NewDocument command) {
        return refusedAsNotFound(() -> tx.execute(status -> {
            Role role = officeOnly();
            if (command.linkType() != null && command.linkType() != EntityType.NONE) {
                requireVisible(command.linkType(), command.linkEntityId());
            }
            UUID id = documents.insert(
                    command.title(),
                    command.description(),
                    command.address(),
                    command.fileType(),
                    command.fileSize(),
                    role.code());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("title", command.title());
            values.put("description", command.description());
            values.put("file_type", command.fileType());
            values.put("file_size", command.fileSize());
            values.put("owner_role", role.code());
            audit.record(AuditEvent.of("document_uploaded", ENTITY, id)
                    .with("title", command.title())
                    .with("file_name", command.fileName())
                    .with("sha256", command.sha256())
                    .with("values", values));
            log.info("document {} uploaded: {} bytes of {}", id, command.fileSize(), command.fileType());
            if (command.linkType() != null) {
                addLink(id, command.title(), command.linkType(), command.linkEntityId());
            }
            return get(id);
        }));
    }

    /** Checks, before an upload is kept, that the record it is to be linked to exists for the caller. */
    @Transactional(readOnly = true)
    public void checkLinkTarget(EntityType type, UUID entityId) {
        officeOnly();
        if (type != EntityType.NONE) {
            requireVisible(type, entityId);
        }
    }

    @Transactional(readOnly = true)
    public Optional<DocumentView> find(UUID id) {
        officeOnly();
        return documents.find(id).map(row -> views(List.of(row)).get(0));
    }

    @Transactional(readOnly = true)
    public DocumentView get(UUID id) {
        return find(id).orElseThrow(DocumentException::notFound);
    }

    /** The content's address and size, for the store. */
    @Transactional(readOnly = true)
    DocumentRepository.Row row(UUID id) {
        officeOnly();
        return documents.find(id).orElseThrow(DocumentException::notFound);
    }

    @Transactional(readOnly = true)
    public Page<DocumentView> list(DocumentFilter filter, String cursor, int limit) {
        officeOnly();
        OffsetDateTime afterCreatedAt = null;
        UUID afterId = null;
        String key = Page.decode(cursor);
        if (key != null) {
            int bar = key.indexOf('|');
            try {
                afterCreatedAt = OffsetDateTime.parse(key.substring(0, Math.max(bar, 0)));
                afterId = UUID.fromString(key.substring(bar + 1));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid_cursor", "The cursor is not valid.");
            }
        }
        List<DocumentRepository.Row> rows = documents.list(filter, afterCreatedAt, afterId, limit + 1);
        return Page.of(views(rows), limit, d -> d.createdAt() + "|" + d.id());
    }

    @Transactional(readOnly = true)
    public List<LinkView> links(UUID id) {
        get(id);
        return documents.links(id);
    }

    /** Links a document to a guest, an appointment or a case the caller can see, or marks it stand-alone. */
    public LinkView link(UUID id, EntityType type, UUID entityId) {
        return refusedAsNotFound(() -> tx.execute(status -> {
            DocumentView document = get(id);
            if (!document.isActive()) {
                throw DocumentException.deactivated();
            }
            if (type != EntityType.NONE) {
                requireVisible(type, entityId);
            }
            if (documents.linked(id, type, entityId)) {
                throw DocumentException.linkExists();
            }
            UUID linkId = addLink(id, document.title(), type, entityId);
            return documents.links(id).stream()
                    .filter(l -> l.id().equals(linkId))
                    .findFirst()
                    .orElseThrow();
        }));
    }

    private UUID addLink(UUID id, String title, EntityType type, UUID entityId) {
        UUID linkId = documents.link(id, type, entityId).orElseThrow(DocumentException::linkExists);
        AuditEvent event = AuditEvent.of("document_linked", ENTITY, id)
                .with("title", title)
                .with("link_id", linkId)
                .with("entity_type", type.code());
        audit.record(entityId == null ? event : event.with("entity_id", entityId));
        log.info("document {} linked to {} {}", id, type.code(), entityId == null ? "(stand-alone)" : entityId);
        return linkId;
    }

    /** Deactivates a document: kept with its content and history, hidden from the usual lists, never changed again. */
    @Transactional
    public DocumentView deactivate(UUID id, String reason) {
        DocumentView document = get(id);
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            throw DocumentException.reasonRequired();
        }
        if (why.codePointCount(0, why.length()) > REASON_MAX) {
            throw DocumentException.invalid("reason", "too_long", REASON_MAX);
        }
        if (!document.isActive()) {
            throw DocumentException.alreadyDeactivated();
        }
        if (!documents.deactivate(id)) {
            // deactivated by someone else between the read and the update
            throw DocumentException.alreadyDeactivated();
        }
        audit.record(AuditEvent.of("document_deactivated", ENTITY, id)
                .with("title", document.title())
                .with("reason", why)
                .with("changes", Map.of("is_active", Changes.fromTo(true, false))));
        log.info("document {} deactivated", id);
        return get(id);
    }

    /**
     * Records one view ({@code inline}) or download ({@code attachment}) of a document's content,
     * before it is sent; {@code outcome} says whether it was served or refused (and why).
     */
    @Transactional
    public void recordAccess(UUID id, String title, boolean inline, String range, String outcome) {
        officeOnly();
        AuditEvent event = AuditEvent.of(inline ? "document_viewed" : "document_downloaded", ENTITY, id)
                .with("title", title)
                .with("disposition", inline ? "inline" : "attachment")
                .with("outcome", outcome);
        audit.record(range == null ? event : event.with("range", range));
    }

    /** The audit events of a document, oldest first. */
    @Transactional(readOnly = true)
    public Page<AuditEntry> history(UUID id, String cursor, int limit) {
        get(id);
        return auditQuery.history(ENTITY, id, cursor, limit);
    }

    @Transactional(readOnly = true)
    public List<AuditEntry> history(UUID id) {
        get(id);
        return auditQuery.history(ENTITY, id);
    }

    /** Every active document's address and size as the Vice President's role sees them (all), for checking the store. */
    @Transactional(readOnly = true)
    List<DocumentRepository.Row> active() {
        return documents.active();
    }

    /** Every content address a document record names, active or not, as the caller sees them. */
    @Transactional(readOnly = true)
    java.util.Set<String> referencedAddresses() {
        return documents.addresses();
    }

    private List<DocumentView> views(List<DocumentRepository.Row> rows) {
        Map<UUID, AuditEntry> uploads = auditQuery.first(
                "document_uploaded",
                ENTITY,
                rows.stream().map(DocumentRepository.Row::id).toList());
        return rows.stream()
                .map(r -> {
                    AuditEntry upload = uploads.get(r.id());
                    Object name = upload == null ? null : upload.details().get("file_name");
                    return new DocumentView(
                            r.id(),
                            r.title(),
                            r.description(),
                            r.fileType(),
                            r.fileSize(),
                            name == null ? null : FileNames.sanitize(String.valueOf(name)),
                            ContentAddress.sha256In(r.filePath()).orElse(null),
                            r.ownerRole(),
                            r.createdBy(),
                            r.createdByDisplayName(),
                            r.createdAt(),
                            r.isActive());
                })
                .toList();
    }

    private void requireVisible(EntityType type, UUID entityId) {
        if (entityId == null || !documents.entityVisible(type, entityId)) {
            throw DocumentException.entityNotFound(type);
        }
    }

    /**
     * The database's last word on a link or a document: a row that row-level security refuses
     * (the document or record became invisible meanwhile) is "not found", never "forbidden".
     */
    private static <T> T refusedAsNotFound(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                throw DocumentException.notFound();
            }
            throw e;
        }
    }

    /** Documents are the office's: the Vice President's and the secretaries'; the operator sees none. */
    static Role officeOnly() {
        Role role = ActorContext.current().map(a -> a.role()).orElse(null);
        if (role != Role.VP && role != Role.SECRETARY) {
            throw DocumentException.officeOnly();
        }
        return role;
    }
}
