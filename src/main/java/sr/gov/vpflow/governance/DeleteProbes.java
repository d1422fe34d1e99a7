package sr.gov.vpflow.governance;

import java.sql.SQLException;

/** The RLS matrix check's probes of one operation (see {@link RlsMatrixCheck}): What each role may remove from each table: nothing, anywhere. */
final class DeleteProbes {

    private final RlsMatrixCheck s;

    DeleteProbes(RlsMatrixCheck session) {
        this.s = session;
    }

    String delete(String table, String role) throws SQLException {
        String where = switch (table) {
            case "users" -> "id = '" + s.f.otherUser + "'";
            case "guests" -> "id = '" + s.f.guest + "'";
            case "appointments" -> "id = '" + s.f.appointment + "'";
            case "appointment_series" -> "id = '" + s.f.series + "'";
            case "cases" -> "id = '" + s.f.openCase + "'";
            case "audit_logs" -> "id = '" + s.f.auditEvents.get("guest") + "'";
            case "documents" -> "id = '" + s.f.secretaryDocument + "'";
            case "document_links" -> "id = '" + s.f.secretaryLink + "'";
            case "case_notes" -> "id = '" + s.f.officeNote + "'";
            case "document_texts" -> "document_id = '" + s.f.secretaryDocument + "'";
            case "holidays" -> "id = '" + s.f.holiday + "'";
            default -> "true";
        };
        return s.outcome(role, "DELETE FROM " + table + " WHERE " + where);
    }
}
