package sr.gov.vpflow.governance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The governed migration plans this build knows, in the order they apply. */
public final class MigrationPlans {

    /**
     * VP-Flow v1.1-A (operational control): documents, document links, case re-opening and their
     * audit event types, in the order of the migration plan's section 7.
     */
    public static final MigrationPlan V1_1_A = new MigrationPlan(
            "v1.1-A",
            "VP-Flow v1.1-A: documents, document links, case re-opening",
            "1.0",
            List.of(
                    new MigrationPlan.Step(1, "check the preconditions", MigrationPlan.Kind.PRECONDITIONS, List.of()),
                    new MigrationPlan.Step(
                            2,
                            "make the restore point (pre-migration)",
                            MigrationPlan.Kind.RESTORE_POINT_PRE,
                            List.of()),
                    new MigrationPlan.Step(
                            3, "create the table documents", MigrationPlan.Kind.MIGRATIONS, List.of("1.1.1")),
                    new MigrationPlan.Step(
                            4, "create the table document_links", MigrationPlan.Kind.MIGRATIONS, List.of("1.1.2")),
                    new MigrationPlan.Step(
                            5,
                            "extend case_state with reopened and its rules, register the new audit event types",
                            MigrationPlan.Kind.MIGRATIONS,
                            List.of("1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.20")),
                    new MigrationPlan.Step(
                            6, "validate the schema's integrity", MigrationPlan.Kind.VALIDATION, List.of()),
                    new MigrationPlan.Step(
                            7,
                            "make the restore point (post-schema)",
                            MigrationPlan.Kind.RESTORE_POINT_POST,
                            List.of())),
            List.of("document_links", "documents"),
            List.of(
                    "case_reopened",
                    "case_reopen_edit",
                    "case_reclosed",
                    "document_uploaded",
                    "document_linked",
                    "document_viewed",
                    "document_downloaded",
                    "document_deactivated"),
            List.of(
                    "table documents ",
                    "table document_links ",
                    "acl documents ",
                    "acl document_links ",
                    "column documents.",
                    "column document_links.",
                    "constraint documents.",
                    "constraint document_links.",
                    "index documents.",
                    "index document_links.",
                    "trigger documents.",
                    "trigger document_links.",
                    "policy documents.",
                    "policy document_links.",
                    "policy audit_logs.audit_logs_document_read ",
                    "function documents_immutable(",
                    "type document_owner_role ",
                    "type document_entity_type ",
                    "enum document_owner_role ",
                    "enum document_entity_type ",
                    "enum case_state #4 reopened",
                    "trigger cases.cases_state_rules_reopened ",
                    "function cases_reopen_rules("),
            rowsAdded(),
            List.of(
                    "DROP TRIGGER IF EXISTS cases_state_rules_reopened ON vpflow.cases",
                    "DROP FUNCTION IF EXISTS vpflow.cases_reopen_rules()",
                    "DROP POLICY IF EXISTS audit_logs_document_read ON vpflow.audit_logs",
                    "DROP TABLE IF EXISTS vpflow.document_links",
                    "DROP TABLE IF EXISTS vpflow.documents",
                    "DROP FUNCTION IF EXISTS vpflow.documents_immutable()",
                    "DROP TYPE IF EXISTS vpflow.document_entity_type",
                    "DROP TYPE IF EXISTS vpflow.document_owner_role"),
            List.of(
                    "the value 'reopened' of case_state (an enum value is never removed)",
                    "the transitions closed -> reopened and reopened -> closed (rows are never deleted; no v1.0"
                            + " code moves a case to 'reopened')",
                    "the eight v1.1-A audit event types (rows are never deleted; unused under v1.0)"));

    private static Map<String, String> rowsAdded() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("audit_event_types", "introduced_in = '1.1-A'");
        rows.put("case_state_transitions", "'reopened' IN (from_state, to_state)");
        return rows;
    }

    private static final List<MigrationPlan> ALL = List.of(V1_1_A);

    private MigrationPlans() {}

    public static List<MigrationPlan> all() {
        return ALL;
    }

    public static Optional<MigrationPlan> named(String name) {
        return ALL.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
