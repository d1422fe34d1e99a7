package sr.gov.vpflow.cases;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.ReadPaths;

/** The read queries of this module that a governed migration keeps working (see {@link ReadPaths}). */
@Component
class CaseReadPaths implements ReadPaths {

    @Override
    public List<ReadPath> readPaths() {
        return List.of(
                new ReadPath(
                        "cases: open list",
                        "secretary",
                        Set.of("case"),
                        "SELECT id, reference, title, state, priority, due_date, guest_id, appointment_id, updated_at,"
                                + " version FROM cases WHERE state IN ('open', 'in_progress')"
                                + " ORDER BY updated_at DESC, id LIMIT 50"),
                new ReadPath(
                        "cases: closed list",
                        "vp",
                        Set.of("case"),
                        "SELECT id, reference, title, resolution, closed_at, closed_by FROM cases WHERE state = 'closed'"
                                + " ORDER BY closed_at DESC, id LIMIT 50"),
                new ReadPath(
                        "cases: by reference",
                        "secretary",
                        Set.of("case"),
                        "SELECT id, reference, title, description, guest_id, appointment_id, priority, due_date, state,"
                                + " resolution, closed_at, closed_by, created_at, created_by, updated_at, updated_by, version"
                                + " FROM cases WHERE reference = (SELECT max(reference) FROM cases)"),
                new ReadPath(
                        "cases: by state",
                        "vp",
                        Set.of("case"),
                        "SELECT state::text, count(*) FROM cases GROUP BY state ORDER BY 1"),
                new ReadPath(
                        "cases: legal moves between the v1.0 states",
                        "secretary",
                        Set.of(),
                        "SELECT from_state, to_state, vp_only FROM case_state_transitions"
                                + " WHERE from_state IN ('open', 'in_progress', 'closed')"
                                + " AND to_state IN ('open', 'in_progress', 'closed') ORDER BY 1, 2"));
    }
}
