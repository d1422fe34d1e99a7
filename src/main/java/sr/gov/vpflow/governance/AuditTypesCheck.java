package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import sr.gov.vpflow.governance.ValidationReport.Item;
import sr.gov.vpflow.governance.ValidationReport.Status;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.ActingUser;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * Section 4 of the checklist: the audit log accepts the event types the plan brings, as the roles
 * that will record them.
 */
final class AuditTypesCheck extends ChecklistSection {

    AuditTypesCheck(OwnerDatabase database, ApplicationLogin login, Operators operators, RestorePoints restorePoints) {
        super(database, login, operators, restorePoints);
    }

    Item auditAccepts(MigrationPlan plan) {
        List<String> findings = new ArrayList<>();
        int accepted = 0;
        try (Connection c = login.connect("validation")) {
            try {
                for (String type : plan.newEventTypes()) {
                    String entity = type.startsWith("document_") ? "document" : "case";
                    // as the roles that will record them: the Vice President re-opens, both roles upload
                    List<Role> roles = type.startsWith("case_re") && !type.equals("case_reopen_edit")
                            ? List.of(Role.VP)
                            : List.of(Role.VP, Role.SECRETARY);
                    for (Role role : roles) {
                        try (Statement st = c.createStatement();
                                Operators.Operator operator = operators.open(role, "system")) {
                            st.execute("SAVEPOINT audit_type");
                            ActingUser.begin(c, operator.actor());
                            try (PreparedStatement ps = c.prepareStatement(
                                    "INSERT INTO audit_logs (event_type, entity_type, entity_id, details)"
                                            + " VALUES (?, ?, ?, '{\"validation\": true}')")) {
                                ps.setString(1, type);
                                ps.setString(2, entity);
                                ps.setObject(3, UUID.randomUUID());
                                ps.executeUpdate();
                                accepted++;
                            } catch (SQLException e) {
                                findings.add(type + " as " + role.code() + ": refused (" + e.getSQLState() + " "
                                        + e.getMessage() + ")");
                            } finally {
                                st.execute("ROLLBACK TO SAVEPOINT audit_type");
                            }
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return item(
                ValidationReport.AUDIT,
                "the audit log accepts each new event type (in a transaction rolled back)",
                findings.isEmpty() ? Status.PASSED : Status.FAILED,
                accepted + " inserts of " + plan.newEventTypes().size() + " event types accepted and rolled back",
                findings);
    }
}
