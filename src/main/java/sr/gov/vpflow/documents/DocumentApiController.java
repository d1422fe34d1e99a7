package sr.gov.vpflow.documents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import sr.gov.vpflow.platform.web.Refusal;

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
    @Operation(
            summary = "Upload a document",
            description = "multipart/form-data: file, title, description, and optionally entity_type and entity_id.")
    @ApiResponse(responseCode = "201", description = "Stored; Location names the document", useReturnTypeSchema = true)
    @Refusal(
            status = 400,
            codes = {"validation_failed", "malformed_upload", "file_required", "empty_file", "too_many_parts"})
    @Refusal(status = 404, codes = "entity_not_found")
    @Refusal(status = 500, codes = "storage_error")
    @Refusal(status = 507, codes = "insufficient_storage")
    @Refusal(
            status = 413,
            codes = {"body_too_large", "file_too_large"})
    @Refusal(
            status = 415,
            codes = {"multipart_required", "unsupported_file_type", "file_type_not_allowed"})
    @PostMapping
    ResponseEntity<DocumentView> upload(HttpServletRequest request) {
        DocumentView created = uploads.upload(request);
        return ResponseEntity.created(URI.create("/api/v1/documents/" + created.id()))
                .body(created);
    }

    @Operation(
            summary = "Find documents",
            description = "By words in the title or description, or the record they are linked to.")
    @Refusal(
            status = 400,
            codes = {"validation_failed", "invalid_cursor", "invalid_limit"})
    @Refusal(status = 404, codes = "not_found")
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

    @Operation(summary = "Read a document's details")
    @GetMapping("/{id}")
    DocumentView get(@PathVariable UUID id) {
        return documents.get(id);
    }

    @Operation(summary = "The records a document is linked to")
    @GetMapping("/{id}/links")
    Page<LinkView> links(@PathVariable UUID id) {
        return new Page<>(documents.links(id), null);
    }

    /** {@code {"entity_type": "guest" | "appointment" | "case" | "none", "entity_id": ...}} */
    @Operation(summary = "Link a document to a guest, appointment or case")
    @ApiResponse(responseCode = "201", description = "Linked", useReturnTypeSchema = true)
    @Refusal(status = 404, codes = "entity_not_found")
    @Refusal(
            status = 409,
            codes = {"link_exists", "document_deactivated"})
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

    @Operation(
            summary = "The document's content",
            description = "Streams the stored bytes, verified; Range requests answered with 206.")
    @Refusal(status = 400, codes = "invalid_parameter")
    @Refusal(status = 409, codes = "document_deactivated")
    @Refusal(status = 416, codes = "range_not_satisfiable")
    @Refusal(
            status = 500,
            codes = {"storage_error", "content_missing", "content_corrupt"})
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
    @Operation(
            summary = "Deactivate a document with a reason",
            description = "Nothing is deleted; the document stays in the audit trail.")
    @Refusal(status = 400, codes = "reason_required")
    @Refusal(status = 409, codes = "already_deactivated")
    @PostMapping("/{id}/deactivate")
    DocumentView deactivate(@PathVariable UUID id, @RequestBody(required = false) Map<String, Object> body) {
        Object reason = body == null ? null : body.get("reason");
        return documents.deactivate(id, reason == null ? null : String.valueOf(reason));
    }

    @Operation(summary = "A document's audit trail, newest first")
    @Refusal(
            status = 400,
            codes = {"invalid_cursor", "invalid_limit"})
    @GetMapping("/{id}/history")
    Page<AuditEntry> history(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return documents.history(id, cursor, Page.limit(limit));
    }
}
