package sr.gov.vpflow.audit;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.ReadPaths;

/** The read queries of this module that a governed migration keeps working (see {@link ReadPaths}). */
@Component
class AuditReadPaths implements ReadPaths {

    @Override
    public List<ReadPath> readPaths() {
        return List.of(
                new ReadPath(
                        "audit: newest events",
                        "vp",
                        Set.of(),
                        "SELECT seq, occurred_at, actor_id, actor_role, event_type, entity_type, entity_id, details"
                                + " FROM audit_logs WHERE seq <= {head} ORDER BY seq DESC LIMIT 50"),
                new ReadPath(
                        "audit: timeline of a case",
                        "secretary",
                        Set.of("case"),
                        "SELECT seq, occurred_at, actor_role, event_type, details FROM audit_logs"
                                + " WHERE entity_type = 'case' AND entity_id = (SELECT entity_id FROM audit_logs"
                                + " WHERE entity_type = 'case' AND seq <= {head} ORDER BY seq DESC LIMIT 1)"
                                + " AND seq <= {head} ORDER BY seq"),
                new ReadPath(
                        "audit: what a secretary may read",
                        "secretary",
                        Set.of(),
                        "SELECT seq, event_type, entity_type, entity_id FROM audit_logs WHERE seq <= {head}"
                                + " ORDER BY seq DESC LIMIT 200"),
                new ReadPath(
                        "audit: accounts and system (operator)",
                        "admin",
                        Set.of(),
                        "SELECT seq, event_type, entity_type, entity_id, details FROM audit_logs WHERE seq <= {head}"
                                + " ORDER BY seq DESC LIMIT 200"),
                new ReadPath(
                        "audit: the v1.0 event types",
                        "secretary",
                        Set.of(),
                        "SELECT code, description FROM audit_event_types WHERE introduced_in = '1.0' ORDER BY code"),
                new ReadPath("audit: chain verification", "vp", Set.of(), "SELECT valid FROM audit_verify()"));
    }
}
