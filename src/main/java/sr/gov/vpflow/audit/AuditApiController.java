package sr.gov.vpflow.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

@ApiController("/api/v1/audit")
class AuditApiController {

    private final AuditVerifier verifier;
    private final AuditQuery query;
    private final AuditExport export;

    AuditApiController(AuditVerifier verifier, AuditQuery query, AuditExport export) {
        this.verifier = verifier;
        this.query = query;
        this.export = export;
    }

    /** The events the caller may see, newest first. */
    @Operation(summary = "Search the audit log", description = "The events the caller may see, newest first.")
    @Refusal(
            status = 400,
            codes = {"invalid_cursor", "invalid_limit"})
    @GetMapping
    Page<AuditEntry> search(
            @RequestParam(name = "entity_type", required = false) String entityType,
            @RequestParam(name = "entity_id", required = false) UUID entityId,
            @RequestParam(name = "event_type", required = false) String eventType,
            @RequestParam(name = "actor_id", required = false) UUID actorId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        AuditFilter filter = new AuditFilter(
                entityType, entityId, eventType, actorId, AuditPeriod.from(from, "from"), AuditPeriod.to(to, "to"));
        return query.search(filter, cursor, Page.limit(limit));
    }

    @Operation(summary = "Verify the audit chain (vp, admin)")
    @GetMapping("/verify")
    AuditVerification verify() {
        return verifier.verify();
    }

    /**
     * The audit export of the days {@code from} to {@code to} for an outside auditor (a ZIP file,
     * see README "Audit log"); the Vice President's.
     */
    @Operation(
            summary = "The audit export of a period (the Vice President)",
            description = "A ZIP file for an outside auditor, see the README.")
    @ApiResponse(responseCode = "200", description = "The export")
    @Refusal(status = 400, codes = "invalid_period")
    @GetMapping("/export")
    ResponseEntity<byte[]> export(
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) throws IOException {
        return download(export, from, to);
    }

    static ResponseEntity<byte[]> download(AuditExport export, String from, String to) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        export.write(from, to, zip);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(AuditExport.fileName(from.strip(), to.strip()))
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(zip.toByteArray());
    }
}
