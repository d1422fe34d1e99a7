package sr.gov.vpflow.audit;

import org.springframework.web.bind.annotation.GetMapping;
import sr.gov.vpflow.platform.web.ApiController;

@ApiController("/api/v1/audit")
class AuditApiController {

    private final AuditVerifier verifier;

    AuditApiController(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/verify")
    AuditVerification verify() {
        return verifier.verify();
    }
}
