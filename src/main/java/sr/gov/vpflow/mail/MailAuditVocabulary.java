package sr.gov.vpflow.mail;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditVocabulary;

/** How the audit log words and links the events of the mail outbox: by the masked address. */
@Component
class MailAuditVocabulary implements AuditVocabulary {

    @Override
    public String entityType() {
        return MailQueue.ENTITY;
    }

    @Override
    public String link(UUID id) {
        return "/mail";
    }

    @Override
    public List<String> subjectKeys() {
        return List.of("recipient");
    }
}
