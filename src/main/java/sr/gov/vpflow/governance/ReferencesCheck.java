package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import sr.gov.vpflow.governance.ValidationReport.Item;
import sr.gov.vpflow.governance.ValidationReport.Status;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * Section 3 of the checklist: no orphaned foreign key and no orphaned polymorphic reference.
 */
final class ReferencesCheck extends ChecklistSection {

    ReferencesCheck(OwnerDatabase database, ApplicationLogin login, Operators operators, RestorePoints restorePoints) {
        super(database, login, operators, restorePoints);
    }

    Item foreignKeys() {
        List<String> findings = new ArrayList<>();
        int checked = 0;
        try (Connection c = owner().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT k.conname, child.relname AS child, parent.relname AS parent,
                               (SELECT string_agg(format('c.%I = p.%I', ca.attname, pa.attname), ' AND ' ORDER BY i)
                                  FROM unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(ck, pk, i)
                                  JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.ck
                                  JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = u.pk) AS joined,
                               (SELECT string_agg(format('c.%I IS NOT NULL', ca.attname), ' AND ')
                                  FROM unnest(k.conkey) AS u(ck)
                                  JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.ck) AS present
                        FROM pg_constraint k JOIN pg_class child ON child.oid = k.conrelid
                        JOIN pg_class parent ON parent.oid = k.confrelid JOIN pg_namespace n ON n.oid = child.relnamespace
                        WHERE k.contype = 'f' AND n.nspname = 'vpflow' ORDER BY 1""")) {
            List<String[]> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(new String[] {
                    rs.getString("conname"),
                    rs.getString("child"),
                    rs.getString("parent"),
                    rs.getString("joined"),
                    rs.getString("present")
                });
            }
            for (String[] k : keys) {
                long orphans = longValue(
                        c,
                        "SELECT count(*) FROM vpflow." + RestorePointWriter.quote(k[1]) + " c WHERE " + k[4]
                                + " AND NOT EXISTS (SELECT FROM vpflow." + RestorePointWriter.quote(k[2])
                                + " p WHERE " + k[3] + ")");
                checked++;
                if (orphans > 0) {
                    findings.add(k[0] + ": " + orphans + " rows of " + k[1] + " point to no row of " + k[2]);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return item(
                ValidationReport.FOREIGN_KEYS,
                "no orphaned foreign key",
                findings.isEmpty() ? Status.PASSED : Status.FAILED,
                checked + " foreign keys checked row by row",
                findings);
    }

    Item polymorphic(long auditOrphansBefore) {
        List<String> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Connection c = owner().getConnection()) {
            if (Catalog.tableExists(c, "document_links")) {
                for (String[] kind :
                        new String[][] {{"guest", "guests"}, {"appointment", "appointments"}, {"case", "cases"}}) {
                    long orphans = longValue(
                            c,
                            "SELECT count(*) FROM vpflow.document_links l WHERE l.entity_type = '" + kind[0]
                                    + "' AND NOT EXISTS (SELECT FROM vpflow." + kind[1]
                                    + " e WHERE e.id = l.entity_id)");
                    if (orphans > 0) {
                        findings.add("document_links: " + orphans + " links to a " + kind[0] + " that does not exist");
                    }
                }
                long loose = longValue(
                        c,
                        "SELECT count(*) FROM vpflow.document_links WHERE (entity_type = 'none') <> (entity_id IS NULL)");
                if (loose > 0) {
                    findings.add("document_links: " + loose + " links whose entity contradicts their type");
                }
                notes.add("document links: guest, appointment, case and none");
            } else {
                notes.add("document links: not installed");
            }
            long auditOrphans = auditOrphans(c);
            if (auditOrphansBefore >= 0 && auditOrphans > auditOrphansBefore) {
                findings.add("audit_logs: " + (auditOrphans - auditOrphansBefore)
                        + " more events name a record that does not exist than before the migration");
            } else if (auditOrphans > 0) {
                notes.add(auditOrphans + " audit events name a record that does not exist"
                        + (auditOrphansBefore >= 0 ? " (as many as before the migration)" : ""));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        List<String> all = new ArrayList<>(findings);
        all.addAll(notes.subList(1, notes.size()));
        return item(
                ValidationReport.FOREIGN_KEYS,
                "no orphaned polymorphic reference (document links, audit events)",
                findings.isEmpty() ? Status.PASSED : Status.FAILED,
                notes.get(0) + "; audit event entities: user, guest, appointment, case, document",
                all);
    }

    static long auditOrphans(Connection c) throws SQLException {
        boolean documents = Catalog.tableExists(c, "documents");
        return longValue(
                c,
                "SELECT count(*) FROM vpflow.audit_logs a WHERE a.entity_id IS NOT NULL AND CASE a.entity_type"
                        + " WHEN 'user' THEN NOT EXISTS (SELECT FROM vpflow.users x WHERE x.id = a.entity_id)"
                        + " WHEN 'guest' THEN NOT EXISTS (SELECT FROM vpflow.guests x WHERE x.id = a.entity_id)"
                        + " WHEN 'appointment' THEN NOT EXISTS (SELECT FROM vpflow.appointments x WHERE x.id ="
                        + " a.entity_id)"
                        + " WHEN 'case' THEN NOT EXISTS (SELECT FROM vpflow.cases x WHERE x.id = a.entity_id)"
                        + (documents
                                ? " WHEN 'document' THEN NOT EXISTS (SELECT FROM vpflow.documents x WHERE x.id ="
                                        + " a.entity_id)"
                                : "")
                        + " ELSE false END");
    }
}
