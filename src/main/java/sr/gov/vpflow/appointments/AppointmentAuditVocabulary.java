package sr.gov.vpflow.appointments;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditVocabulary;

/** How the audit log words and links the events of appointments. */
@Component
class AppointmentAuditVocabulary implements AuditVocabulary {

    @Override
    public String entityType() {
        return "appointment";
    }

    @Override
    public String link(UUID id) {
        return "/appointments/" + id;
    }

    @Override
    public List<String> subjectKeys() {
        return List.of("subject");
    }

    /** As on the appointment form. */
    @Override
    public List<String> fieldOrder() {
        return List.of("guest_id", "subject", "purpose", "location", "starts_at", "ends_at", "status");
    }

    @Override
    public Set<String> codedFields() {
        return Set.of("status");
    }
}
