package sr.gov.vpflow.governance;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The RLS matrix check's probes of one operation (see {@link RlsMatrixCheck}): What each role reads of each table: all, none, or the part the matrix names. */
final class SelectProbes {

    private final RlsMatrixCheck s;

    SelectProbes(RlsMatrixCheck session) {
        this.s = session;
    }

    String select(String table, String role) throws SQLException {
        return switch (table) {
            case "users" -> {
                if (s.count(role, "SELECT count(*) FROM users WHERE id = '" + s.f.otherUser + "'") == 0) {
                    yield "none";
                }
                yield s.outcome(role, "SELECT password_hash FROM users WHERE id = '" + s.f.otherUser + "'")
                                .equals("all")
                        ? "all"
                        : "all without password hash";
            }
            case "guests" -> ratio(s.count(role, "SELECT count(*) FROM guests WHERE id = '" + s.f.guest + "'"), 1);
            case "appointments" ->
                ratio(s.count(role, "SELECT count(*) FROM appointments WHERE id = '" + s.f.appointment + "'"), 1);
            case "appointment_series" ->
                ratio(s.count(role, "SELECT count(*) FROM appointment_series WHERE id = '" + s.f.series + "'"), 1);
            case "cases" ->
                ratio(
                        s.count(
                                role,
                                "SELECT count(*) FROM cases WHERE id IN ('" + s.f.openCase + "', '" + s.f.closedCase
                                        + "')"),
                        2);
            case "audit_logs" -> auditVisibility(role);
            case "documents" -> {
                boolean vpDoc =
                        s.count(role, "SELECT count(*) FROM documents WHERE id = '" + s.f.vpDocument + "'") == 1;
                boolean secDoc =
                        s.count(role, "SELECT count(*) FROM documents WHERE id = '" + s.f.secretaryDocument + "'") == 1;
                yield vpDoc && secDoc ? "all" : secDoc ? "secretary documents" : vpDoc ? "vp documents" : "none";
            }
            case "document_links" -> {
                boolean vpLink =
                        s.count(role, "SELECT count(*) FROM document_links WHERE id = '" + s.f.vpLink + "'") == 1;
                boolean secLink =
                        s.count(role, "SELECT count(*) FROM document_links WHERE id = '" + s.f.secretaryLink + "'")
                                == 1;
                yield vpLink && secLink
                        ? "all"
                        : secLink ? "links of visible documents" : vpLink ? "links of vp documents" : "none";
            }
            case "document_texts" -> {
                boolean vpText = s.count(
                                role,
                                "SELECT count(*) FROM document_texts WHERE document_id = '" + s.f.vpDocument + "'")
                        == 1;
                boolean secText = s.count(
                                role,
                                "SELECT count(*) FROM document_texts WHERE document_id = '" + s.f.secretaryDocument
                                        + "'")
                        == 1;
                yield vpText && secText
                        ? "all"
                        : secText ? "texts of secretary documents" : vpText ? "texts of vp documents" : "none";
            }
            case "mail_preferences" -> {
                boolean own =
                        s.count(role, "SELECT count(*) FROM mail_preferences WHERE user_id = current_user_id()") == 1;
                long others = s.count(
                        role, "SELECT count(*) FROM mail_preferences WHERE user_id IS DISTINCT FROM current_user_id()");
                yield others > 0 ? (own ? "all" : "others' rows") : own ? "own row only" : "none";
            }
            case "holidays" ->
                ratio(s.count(role, "SELECT count(*) FROM holidays WHERE id = '" + s.f.holiday + "'"), 1);
            case "case_notes" -> {
                boolean vpNote = s.count(role, "SELECT count(*) FROM case_notes WHERE id = '" + s.f.vpNote + "'") == 1;
                boolean officeNote =
                        s.count(role, "SELECT count(*) FROM case_notes WHERE id = '" + s.f.officeNote + "'") == 1;
                yield vpNote && officeNote
                        ? "all"
                        : officeNote ? "all but vp-only notes" : vpNote ? "vp-only notes only" : "none";
            }
            default -> {
                long visible = s.count(role, "SELECT count(*) FROM " + table);
                if (visible == 0) {
                    yield "none";
                }
                long total = s.ownerCount(table) + s.f.inserted.getOrDefault(table, 0);
                yield ratio(visible, total);
            }
        };
    }

    private String auditVisibility(String role) throws SQLException {
        Set<String> visible = new LinkedHashSet<>();
        for (Map.Entry<String, UUID> e : s.f.auditEvents.entrySet()) {
            if (s.count(role, "SELECT count(*) FROM audit_logs WHERE id = '" + e.getValue() + "'") == 1) {
                visible.add(e.getKey());
            }
        }
        if (visible.equals(s.f.auditEvents.keySet())) {
            return "all";
        }
        if (visible.isEmpty()) {
            return "none";
        }
        Set<String> secretary = new LinkedHashSet<>(List.of("secretary_account", "guest", "appointment", "case"));
        if (s.f.auditEvents.containsKey("series")) {
            secretary.add("series");
        }
        if (s.f.auditEvents.containsKey("note")) {
            secretary.add("note");
        }
        if (s.f.auditEvents.containsKey("document")) {
            secretary.add("document");
        }
        if (visible.equals(secretary)) {
            return "own account and visible records";
        }
        Set<String> admin = new LinkedHashSet<>(List.of("secretary_account", "other_account", "system"));
        if (s.f.auditEvents.containsKey("holiday")) {
            admin.add("holiday");
        }
        if (s.f.auditEvents.containsKey("mail")) {
            admin.add("mail");
        }
        if (visible.equals(admin)) {
            return "accounts, system, holidays and mail";
        }
        return "only " + visible;
    }

    private static String ratio(long visible, long total) {
        return visible == total ? "all" : visible == 0 ? "none" : visible + " of " + total;
    }
}
