package sr.gov.vpflow.holidays;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditVocabulary;

/** How the audit log words and links the events of the holiday calendar. */
@Component
class HolidayAuditVocabulary implements AuditVocabulary {

    @Override
    public String entityType() {
        return HolidayService.ENTITY;
    }

    @Override
    public String link(UUID id) {
        return "/holidays";
    }

    @Override
    public List<String> subjectKeys() {
        return List.of("day");
    }
}
