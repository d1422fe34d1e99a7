package sr.gov.vpflow.appointments;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.ReadPaths;

/** The read queries of this module that a governed migration keeps working (see {@link ReadPaths}). */
@Component
class AppointmentReadPaths implements ReadPaths {

    @Override
    public List<ReadPath> readPaths() {
        return List.of(
                new ReadPath(
                        "appointments: agenda week",
                        "vp",
                        Set.of("appointment", "guest"),
                        "WITH w AS (SELECT date_trunc('week', max(starts_at)) AS f FROM appointments)"
                                + " SELECT a.id, a.starts_at, a.ends_at, a.subject, a.location, a.status, g.full_name"
                                + " FROM appointments a JOIN guest_names g ON g.id = a.guest_id, w"
                                + " WHERE a.starts_at >= w.f AND a.starts_at < w.f + interval '7 days'"
                                + " ORDER BY a.starts_at, a.id LIMIT 500"),
                new ReadPath(
                        "appointments: of a guest",
                        "secretary",
                        Set.of("appointment"),
                        "SELECT id, starts_at, ends_at, subject, status, status_reason, checked_in_at, version"
                                + " FROM appointments WHERE guest_id = (SELECT guest_id FROM appointments"
                                + " ORDER BY created_at DESC, id LIMIT 1) ORDER BY starts_at DESC, id LIMIT 50"),
                new ReadPath(
                        "appointments: by status",
                        "vp",
                        Set.of("appointment"),
                        "SELECT status, count(*) FROM appointments GROUP BY status ORDER BY status"));
    }
}
