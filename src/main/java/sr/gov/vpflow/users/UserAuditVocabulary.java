package sr.gov.vpflow.users;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditVocabulary;

/** How the audit log words the events of accounts (which have no page of their own). */
@Component
class UserAuditVocabulary implements AuditVocabulary {

    @Override
    public String entityType() {
        return "user";
    }

    @Override
    public List<String> subjectKeys() {
        return List.of("username");
    }

    @Override
    public Set<String> codedFields() {
        return Set.of("role");
    }
}
