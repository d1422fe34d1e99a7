package sr.gov.vpflow.appointments;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditVocabulary;

/** How the audit log words and links the events of recurring appointments. */
@Component
class SeriesAuditVocabulary implements AuditVocabulary {

    @Override
    public String entityType() {
        return SeriesService.ENTITY;
    }

    @Override
    public String link(UUID id) {
        return "/appointment-series/" + id;
    }

    @Override
    public List<String> subjectKeys() {
        return List.of("subject");
    }

    @Override
    public List<String> fieldOrder() {
        return List.of("guest_id", "subject", "purpose", "location", "starts_at", "ends_at", "rule");
    }

    @Override
    public Set<String> codedFields() {
        return Set.of();
    }
}
