package sr.gov.vpflow.governance;

import java.util.List;

/**
 * The validation checklist of the migration plan (section 9), automated: one item per check,
 * grouped by the checklist line it proves.
 */
public record ValidationReport(List<Item> items) {

    public enum Status {
        PASSED,
        FAILED,
        NOT_APPLICABLE
    }

    /**
     * @param checklist the line of the plan's checklist this check proves
     * @param findings  what the check found, one line each (failures first)
     */
    public record Item(
            String checklist, String check, Status status, String detail, long durationMs, List<String> findings) {}

    public boolean passed() {
        return items.stream().noneMatch(i -> i.status() == Status.FAILED);
    }

    public List<Item> failed() {
        return items.stream().filter(i -> i.status() == Status.FAILED).toList();
    }

    static final String QUERIES = "All existing v1.0 queries still function";
    static final String RLS = "No RLS policies are broken";
    static final String FOREIGN_KEYS = "No orphaned foreign keys";
    static final String AUDIT = "Audit log accepts new event types";
    static final String DURABILITY = "Committed records reach the disk";
}
