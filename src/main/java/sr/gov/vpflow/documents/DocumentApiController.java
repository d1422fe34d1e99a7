package sr.gov.vpflow.documents;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.audit.AuditEntry;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.web.ApiController;

@ApiController("/api/v1/documents")
class DocumentApiController {

    private final DocumentService documents;
    private final DocumentUploads uploads;
    private final DocumentContent content;

    DocumentApiController(DocumentService documents, DocumentUploads uploads, DocumentContent content) {
        this.documents = documents;
        this.uploads = uploads;
        this.content = content;
    }

    /** Multipart: {@code file}, {@code title}, {@code description}, and optionally {@code entity_type}, {@code entity_id}. */
    @PostMapping
    ResponseEntity<DocumentView> upload(HttpServletRequest request) {
        DocumentView created = uploads.upload(request);
        return ResponseEntity.created(URI.create("/api/v1/documents/" + created.id()))
                .body(created);
    }

    @GetMapping
    Page<DocumentView> list(
            @RequestParam(required = false) String q,
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) String entityId,
            @RequestParam(name = "include_inactive", defaultValue = "false") boolean includeInactive,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        EntityType type = null;
        UUID id = null;
        if (entityType != null && !entityType.isBlank()) {
            type = EntityType.fromCode(entityType.strip())
                    .orElseThrow(() -> DocumentException.invalid("entity_type", "invalid_value", null));
            id = DocumentUploads.entityId(type, entityId);
        }
        return documents.list(new DocumentFilter(q, type, id, includeInactive), cursor, Page.limit(limit));
    }

    @GetMapping("/{id}")
    DocumentView get(@PathVariable UUID id) {
        return documents.get(id);
    }

    @GetMapping("/{id}/links")
    Page<LinkView> links(@PathVariable UUID id) {
        return new Page<>(documents.links(id), null);
    }

    /** {@code {"entity_type": "guest" | "appointment" | "case" | "none", "entity_id": ...}} */
    @PostMapping("/{id}/links")
    ResponseEntity<LinkView> link(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        Object typeValue = body.get("entity_type");
        EntityType type = typeValue == null
                ? null
                : EntityType.fromCode(String.valueOf(typeValue)).orElse(null);
        if (type == null) {
            throw DocumentException.invalid("entity_type", typeValue == null ? "required" : "invalid_value", null);
        }
        Object entity = body.get("entity_id");
        LinkView link = documents.link(
                id, type, DocumentUploads.entityId(type, entity == null ? null : String.valueOf(entity)));
        return ResponseEntity.status(HttpStatus.CREATED).body(link);
    }

    @GetMapping("/{id}/content")
    void content(
            @PathVariable UUID id,
            @RequestParam(required = false) String disposition,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        content.send(id, disposition, request, response);
    }

    /** {@code {"reason": ...}} (required). */
    @PostMapping("/{id}/deactivate")
    DocumentView deactivate(@PathVariable UUID id, @RequestBody(required = false) Map<String, Object> body) {
        Object reason = body == null ? null : body.get("reason");
        return documents.deactivate(id, reason == null ? null : String.valueOf(reason));
    }

    @GetMapping("/{id}/history")
    Page<AuditEntry> history(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return documents.history(id, cursor, Page.limit(limit));
    }
}
