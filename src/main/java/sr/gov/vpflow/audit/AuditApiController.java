package sr.gov.vpflow.audit;

import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.web.ApiController;

@ApiController("/api/v1/audit")
class AuditApiController {

    private final AuditVerifier verifier;
    private final AuditQuery query;

    AuditApiController(AuditVerifier verifier, AuditQuery query) {
        this.verifier = verifier;
        this.query = query;
    }

    /** The events the caller may see, newest first. */
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

    @GetMapping("/verify")
    AuditVerification verify() {
        return verifier.verify();
    }
}
