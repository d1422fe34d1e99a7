package sr.gov.vpflow.appointments;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** An occurrence of a series that would overlap another appointment, and that appointment. */
record SeriesConflict(OffsetDateTime startsAt, OffsetDateTime endsAt, AppointmentView conflicting) {

    Map<String, Object> asMap() {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("starts_at", startsAt);
        member.put("ends_at", endsAt);
        member.put("conflicting_appointment", AppointmentException.summary(conflicting));
        return member;
    }
}
