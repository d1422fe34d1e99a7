package sr.gov.vpflow.governance;

import java.util.List;
import java.util.Map;

/**
 * A governed migration plan: its steps in the mandatory order, the migrations each step applies,
 * and what the plan adds, so that validation can tell an addition from a change and a logical
 * rollback knows what it may take back.
 *
 * @param baseSeries       the schema the plan builds on: every migration of this series ({@code 1.0})
 *                         that this build has, applied
 * @param newTables        tables the plan creates, children first (the order a rollback drops them in)
 * @param newEventTypes    audit event types the plan registers
 * @param schemaAdditions  the beginnings of the schema description lines the plan may add
 *                         ({@link SchemaFingerprint}); any other added or removed line is a change
 * @param rowsAdded        per existing table, the rows the plan adds (an SQL condition)
 * @param rollback         statements of the logical rollback, run only when the plan's additions are unused
 * @param usedWhen         per table, the rows that count as use of the plan's additions (an SQL
 *                         condition); a new table not named here is in use when it holds any row
 */
public record MigrationPlan(
        String name,
        String title,
        String baseSeries,
        List<Step> steps,
        List<String> newTables,
        List<String> newEventTypes,
        List<String> schemaAdditions,
        Map<String, String> rowsAdded,
        List<String> rollback,
        List<String> keptByRollback,
        Map<String, String> usedWhen) {

    /** What a step does. */
    public enum Kind {
        PRECONDITIONS,
        RESTORE_POINT_PRE,
        MIGRATIONS,
        VALIDATION,
        RESTORE_POINT_POST
    }

    /** One numbered step of the plan; a migrations step applies its versions in order. */
    public record Step(int number, String name, Kind kind, List<String> versions) {}

    public List<String> versions() {
        return steps.stream().flatMap(s -> s.versions().stream()).toList();
    }

    public String lastVersion() {
        List<String> all = versions();
        return all.get(all.size() - 1);
    }
}
