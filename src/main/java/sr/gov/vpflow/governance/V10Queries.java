package sr.gov.vpflow.governance;

import java.util.List;
import java.util.Set;

/**
 * The read queries that v1.0 of the application relies on, in the form the application runs them
 * (the list pages, look-ups, the agenda, the audit trail), each with the role that runs it. The
 * governed migration runs every one before and after the plan's migrations, as that role through
 * the application's login, and compares the results row by row. A module that adds a v1.0 read
 * path adds its query here.
 *
 * <p>Audit queries read up to the audit log's head at the baseline ({head}), the way the audit
 * page reads from a cursor, so that the office's work during the migration does not change them.
 *
 * @param dependsOn the kinds of record whose change (an audited event during the migration) may
 *                  rightly change the result
 */
record V10Queries(String name, String role, Set<String> dependsOn, String sql) {

    static final List<V10Queries> ALL = List.of(
            q(
                    "users: account list",
                    "admin",
                    Set.of("user"),
                    "SELECT id, username, display_name, role, is_active, created_at FROM users"
                            + " ORDER BY lower(username) LIMIT 200"),
            q(
                    "users: names shown beside records",
                    "secretary",
                    Set.of("user"),
                    "SELECT id, username, display_name, role, is_active, created_at FROM users"
                            + " ORDER BY lower(username) LIMIT 200"),
            q(
                    "guests: list page",
                    "secretary",
                    Set.of("guest"),
                    "SELECT id, full_name, honorific, organisation, position, email, phone, notes, archived_at, version"
                            + " FROM guests WHERE archived_at IS NULL ORDER BY search_key(full_name), id LIMIT 50"),
            q(
                    "guests: search",
                    "vp",
                    Set.of("guest"),
                    "SELECT id, full_name, organisation FROM guests"
                            + " WHERE (search_key(full_name) || ' ' || search_key(organisation))"
                            + " LIKE '%' || search_key('an') || '%' ORDER BY search_key(full_name), id LIMIT 50"),
            q(
                    "guests: counts",
                    "secretary",
                    Set.of("guest"),
                    "SELECT count(*) FILTER (WHERE archived_at IS NULL), count(*) FROM guests"),
            q(
                    "appointments: agenda week",
                    "vp",
                    Set.of("appointment", "guest"),
                    "WITH w AS (SELECT date_trunc('week', max(starts_at)) AS f FROM appointments)"
                            + " SELECT a.id, a.starts_at, a.ends_at, a.subject, a.location, a.status, g.full_name"
                            + " FROM appointments a JOIN guests g ON g.id = a.guest_id, w"
                            + " WHERE a.starts_at >= w.f AND a.starts_at < w.f + interval '7 days'"
                            + " ORDER BY a.starts_at, a.id LIMIT 500"),
            q(
                    "appointments: of a guest",
                    "secretary",
                    Set.of("appointment"),
                    "SELECT id, starts_at, ends_at, subject, status, status_reason, checked_in_at, version"
                            + " FROM appointments WHERE guest_id = (SELECT guest_id FROM appointments"
                            + " ORDER BY created_at DESC, id LIMIT 1) ORDER BY starts_at DESC, id LIMIT 50"),
            q(
                    "appointments: by status",
                    "vp",
                    Set.of("appointment"),
                    "SELECT status, count(*) FROM appointments GROUP BY status ORDER BY status"),
            q(
                    "cases: open list",
                    "secretary",
                    Set.of("case"),
                    "SELECT id, reference, title, state, priority, due_date, guest_id, appointment_id, updated_at,"
                            + " version FROM cases WHERE state IN ('open', 'in_progress')"
                            + " ORDER BY updated_at DESC, id LIMIT 50"),
            q(
                    "cases: closed list",
                    "vp",
                    Set.of("case"),
                    "SELECT id, reference, title, resolution, closed_at, closed_by FROM cases WHERE state = 'closed'"
                            + " ORDER BY closed_at DESC, id LIMIT 50"),
            q(
                    "cases: by reference",
                    "secretary",
                    Set.of("case"),
                    "SELECT id, reference, title, description, guest_id, appointment_id, priority, due_date, state,"
                            + " resolution, closed_at, closed_by, created_at, created_by, updated_at, updated_by, version"
                            + " FROM cases WHERE reference = (SELECT max(reference) FROM cases)"),
            q(
                    "cases: by state",
                    "vp",
                    Set.of("case"),
                    "SELECT state::text, count(*) FROM cases GROUP BY state ORDER BY 1"),
            q(
                    "cases: legal moves between the v1.0 states",
                    "secretary",
                    Set.of(),
                    "SELECT from_state, to_state, vp_only FROM case_state_transitions"
                            + " WHERE from_state IN ('open', 'in_progress', 'closed')"
                            + " AND to_state IN ('open', 'in_progress', 'closed') ORDER BY 1, 2"),
            q(
                    "audit: newest events",
                    "vp",
                    Set.of(),
                    "SELECT seq, occurred_at, actor_id, actor_role, event_type, entity_type, entity_id, details"
                            + " FROM audit_logs WHERE seq <= {head} ORDER BY seq DESC LIMIT 50"),
            q(
                    "audit: timeline of a case",
                    "secretary",
                    Set.of("case"),
                    "SELECT seq, occurred_at, actor_role, event_type, details FROM audit_logs"
                            + " WHERE entity_type = 'case' AND entity_id = (SELECT id FROM cases"
                            + " ORDER BY created_at DESC, id LIMIT 1) AND seq <= {head} ORDER BY seq"),
            q(
                    "audit: what a secretary may read",
                    "secretary",
                    Set.of(),
                    "SELECT seq, event_type, entity_type, entity_id FROM audit_logs WHERE seq <= {head}"
                            + " ORDER BY seq DESC LIMIT 200"),
            q(
                    "audit: accounts and system (operator)",
                    "admin",
                    Set.of(),
                    "SELECT seq, event_type, entity_type, entity_id, details FROM audit_logs WHERE seq <= {head}"
                            + " ORDER BY seq DESC LIMIT 200"),
            q(
                    "audit: the v1.0 event types",
                    "secretary",
                    Set.of(),
                    "SELECT code, description FROM audit_event_types WHERE introduced_in = '1.0' ORDER BY code"),
            q("audit: chain verification", "vp", Set.of(), "SELECT valid FROM audit_verify()"));

    private static V10Queries q(String name, String role, Set<String> dependsOn, String sql) {
        return new V10Queries(name, role, dependsOn, sql);
    }

    String sql(long head) {
        return sql.replace("{head}", Long.toString(head));
    }
}
