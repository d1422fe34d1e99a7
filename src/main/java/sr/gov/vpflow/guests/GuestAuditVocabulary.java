package sr.gov.vpflow.guests;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditVocabulary;

/** How the audit log words and links the events of guests. */
@Component
class GuestAuditVocabulary implements AuditVocabulary {

    @Override
    public String entityType() {
        return "guest";
    }

    @Override
    public String link(UUID id) {
        return "/guests/" + id;
    }

    @Override
    public List<String> subjectKeys() {
        return List.of("full_name");
    }
}
