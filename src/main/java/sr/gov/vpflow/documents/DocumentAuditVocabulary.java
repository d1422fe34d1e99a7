package sr.gov.vpflow.documents;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditVocabulary;

/** How the audit log words and links the events of documents. */
@Component
class DocumentAuditVocabulary implements AuditVocabulary {

    @Override
    public String entityType() {
        return "document";
    }

    @Override
    public String link(UUID id) {
        return "/documents/" + id;
    }

    @Override
    public List<String> subjectKeys() {
        return List.of("title");
    }
}
