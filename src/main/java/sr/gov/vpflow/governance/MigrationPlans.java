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
            governed(
                    new Migrations("create the table documents", List.of("1.1.1")),
                    new Migrations("create the table document_links", List.of("1.1.2")),
                    new Migrations(
                            "extend case_state with reopened and its rules, register the new audit event types",
                            List.of("1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.20"))),
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
                    "the eight v1.1-A audit event types (rows are never deleted; unused under v1.0)"),
            Map.of());

    /**
     * VP-Flow v1.2 (the office's day): the holiday calendar that working days count with, case
     * notes, the mark for the Vice President's decision, and their audit event types.
     */
    public static final MigrationPlan V1_2 = new MigrationPlan(
            "v1.2",
            "VP-Flow v1.2: holiday calendar and working days, case notes, cases for decision",
            "1.1",
            governed(
                    new Migrations(
                            "create the table holidays with Suriname's public holidays of 2026 and 2027",
                            List.of("1.2.1")),
                    new Migrations("create the table case_notes", List.of("1.2.2")),
                    new Migrations(
                            "add the mark for decision to cases, register the new audit event types",
                            List.of("1.2.3", "1.2.4"))),
            List.of("case_notes", "holidays"),
            List.of(
                    "case_note_added",
                    "case_marked_for_decision",
                    "case_decision_mark_cleared",
                    "holiday_added",
                    "holiday_removed"),
            List.of(
                    "table holidays ",
                    "table case_notes ",
                    "acl holidays ",
                    "acl case_notes ",
                    "column holidays.",
                    "column case_notes.",
                    "column cases.for_decision ",
                    "constraint holidays.",
                    "constraint case_notes.",
                    "index holidays.",
                    "index case_notes.",
                    "index cases.cases_for_decision_idx ",
                    "index cases.cases_open_due_idx ",
                    "index cases.cases_reopened_idx ",
                    "trigger holidays.",
                    "trigger case_notes.",
                    "trigger cases.cases_decision_mark ",
                    "policy holidays.",
                    "policy case_notes.",
                    "policy audit_logs.audit_logs_vp_only_notes ",
                    "policy audit_logs.audit_logs_holiday_read ",
                    "function holidays_rules(",
                    "function case_notes_immutable(",
                    "function cases_decision_mark("),
            Map.of("audit_event_types", "introduced_in = '1.2'"),
            List.of(
                    "DROP POLICY IF EXISTS audit_logs_vp_only_notes ON vpflow.audit_logs",
                    "DROP POLICY IF EXISTS audit_logs_holiday_read ON vpflow.audit_logs",
                    "DROP TRIGGER IF EXISTS cases_decision_mark ON vpflow.cases",
                    "DROP FUNCTION IF EXISTS vpflow.cases_decision_mark()",
                    "DROP INDEX IF EXISTS vpflow.cases_open_due_idx",
                    "DROP INDEX IF EXISTS vpflow.cases_reopened_idx",
                    "ALTER TABLE vpflow.cases DROP COLUMN IF EXISTS for_decision",
                    "DROP TABLE IF EXISTS vpflow.case_notes",
                    "DROP TABLE IF EXISTS vpflow.holidays",
                    "DROP FUNCTION IF EXISTS vpflow.case_notes_immutable()",
                    "DROP FUNCTION IF EXISTS vpflow.holidays_rules()"),
            List.of("the five v1.2 audit event types (rows are never deleted; unused before v1.2)"),
            usedWhen());

    /**
     * VP-Flow v1.3 (findable): the text of every document, extracted in the background and
     * searched in Dutch and English under the documents' own row-level security.
     */
    public static final MigrationPlan V1_3 = new MigrationPlan(
            "v1.3",
            "VP-Flow v1.3: full-text search of documents",
            "1.2",
            governed(new Migrations(
                    "create the table document_texts and the Dutch and English search configurations",
                    List.of("1.3.1"))),
            List.of("document_texts"),
            List.of(),
            List.of(
                    "table document_texts ",
                    "acl document_texts ",
                    "column document_texts.",
                    "constraint document_texts.",
                    "index document_texts.",
                    "trigger document_texts.",
                    "trigger documents.documents_text_pending ",
                    "policy document_texts.",
                    "function search_indexer(",
                    "function search_documents(",
                    "function document_texts_rules(",
                    "function documents_text_pending(",
                    "text search configuration search_nl ",
                    "text search configuration search_en "),
            Map.of(),
            List.of(
                    "DROP TRIGGER IF EXISTS documents_text_pending ON vpflow.documents",
                    "DROP FUNCTION IF EXISTS vpflow.documents_text_pending()",
                    "DROP TABLE IF EXISTS vpflow.document_texts",
                    "DROP FUNCTION IF EXISTS vpflow.document_texts_rules()",
                    "DROP FUNCTION IF EXISTS vpflow.search_indexer()",
                    "DROP FUNCTION IF EXISTS vpflow.search_documents(text, integer)",
                    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vpflow.search_nl",
                    "DROP TEXT SEARCH CONFIGURATION IF EXISTS vpflow.search_en"),
            List.of(),
            // the texts are derived from the documents and extracted again at will: never "use"
            Map.of("document_texts", "false"));

    /**
     * What counts as use of the v1.2 additions: the holidays the plan entered itself do not (a
     * rollback takes them back with their table), a holiday an administrator entered or removed
     * does, and so does any note or a case marked for decision.
     */
    private static Map<String, String> usedWhen() {
        Map<String, String> used = new LinkedHashMap<>();
        used.put("holidays", "created_by IS NOT NULL OR removed_at IS NOT NULL");
        used.put("cases", "for_decision");
        return used;
    }

    private static Map<String, String> rowsAdded() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("audit_event_types", "introduced_in = '1.1-A'");
        rows.put("case_state_transitions", "'reopened' IN (from_state, to_state)");
        return rows;
    }

    /** A step of a plan that applies migrations: what it does and the versions, in order. */
    private record Migrations(String name, List<String> versions) {}

    /**
     * The steps every governed plan takes, in the mandatory order of the migration plan: check the
     * preconditions, make the pre-migration restore point, the plan's own migration steps, validate,
     * make the post-schema restore point.
     */
    private static List<MigrationPlan.Step> governed(Migrations... migrations) {
        List<MigrationPlan.Step> steps = new java.util.ArrayList<>();
        steps.add(new MigrationPlan.Step(1, "check the preconditions", MigrationPlan.Kind.PRECONDITIONS, List.of()));
        steps.add(new MigrationPlan.Step(
                2, "make the restore point (pre-migration)", MigrationPlan.Kind.RESTORE_POINT_PRE, List.of()));
        for (Migrations m : migrations) {
            steps.add(new MigrationPlan.Step(steps.size() + 1, m.name(), MigrationPlan.Kind.MIGRATIONS, m.versions()));
        }
        steps.add(new MigrationPlan.Step(
                steps.size() + 1, "validate the schema's integrity", MigrationPlan.Kind.VALIDATION, List.of()));
        steps.add(new MigrationPlan.Step(
                steps.size() + 1,
                "make the restore point (post-schema)",
                MigrationPlan.Kind.RESTORE_POINT_POST,
                List.of()));
        return List.copyOf(steps);
    }

    private static final List<MigrationPlan> ALL = List.of(V1_1_A, V1_2, V1_3);

    private MigrationPlans() {}

    public static List<MigrationPlan> all() {
        return ALL;
    }

    public static Optional<MigrationPlan> named(String name) {
        return ALL.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
