package sr.gov.vpflow.cases;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditVocabulary;

/** How the audit log words and links the events of cases. */
@Component
class CaseAuditVocabulary implements AuditVocabulary {

    @Override
    public String entityType() {
        return "case";
    }

    @Override
    public String link(UUID id) {
        return "/cases/" + id;
    }

    @Override
    public List<String> subjectKeys() {
        return List.of("reference", "title");
    }

    /** As on the case form. */
    @Override
    public List<String> fieldOrder() {
        return List.of(
                "title",
                "description",
                "priority",
                "due_date",
                "guest_id",
                "appointment_id",
                "state",
                "resolution",
                "for_decision");
    }

    @Override
    public Set<String> codedFields() {
        return Set.of("state", "priority");
    }

    @Override
    public Map<String, List<String>> notes() {
        return Map.of("case_reopened", List.of("reason"), "case_note_added", List.of("text"));
    }
}
