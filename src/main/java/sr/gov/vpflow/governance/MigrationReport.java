package sr.gov.vpflow.governance;

import java.util.List;
import java.util.Locale;
import sr.gov.vpflow.audit.AuditAnchor;

/**
 * What a run of a migration plan did: each step with its time and result, the validation, the
 * restore points and, after a failure, the logical rollback. Written for people ({@link #text()})
 * and for machines ({@link #json()}).
 */
public record MigrationReport(
        String plan,
        Outcome outcome,
        String summary,
        String startedAt,
        long durationMs,
        String schemaVersionBefore,
        String schemaVersionAfter,
        Approval planApproval,
        Approval rlsApproval,
        String rlsMatrixSha256,
        List<StepReport> steps,
        Integer failedStep,
        String failure,
        ValidationReport validation,
        RollbackReport rollback,
        List<String> restorePoints,
        List<String> reportFiles,
        AuditAnchor auditCheckpoint) {

    public enum Outcome {
        /** The plan was applied and validated. */
        MIGRATED,
        /** Nothing to do: every migration of the plan is applied already. */
        ALREADY_APPLIED,
        /** The plan was shown and its preconditions checked; nothing changed. */
        DRY_RUN,
        /** A precondition does not hold; nothing changed. */
        REFUSED,
        /** A step failed; the logical rollback left the database valid under its previous version. */
        ROLLED_BACK,
        /** A step failed and the logical rollback could not complete: read the rollback's report. */
        FAILED
    }

    public enum Result {
        OK,
        FAILED,
        NOT_RUN
    }

    /** One step; a migrations step lists its migrations with their own times. */
    public record StepReport(
            int number, String name, Result result, long durationMs, String detail, List<String> items) {}

    /**
     * @param actions        what the rollback did
     * @param kept           what it kept on purpose (the plan's rollback principles)
     * @param validUnderBase whether the database was then checked to be its previous version, records unchanged
     */
    public record RollbackReport(List<String> actions, List<String> kept, boolean validUnderBase, String detail) {}

    public boolean changedNothing() {
        return outcome == Outcome.ALREADY_APPLIED || outcome == Outcome.DRY_RUN || outcome == Outcome.REFUSED;
    }

    /** The report as written: its files, and the newest signed checkpoint of the audit chain. */
    public MigrationReport written(List<String> files, AuditAnchor anchor) {
        return new MigrationReport(
                plan,
                outcome,
                summary,
                startedAt,
                durationMs,
                schemaVersionBefore,
                schemaVersionAfter,
                planApproval,
                rlsApproval,
                rlsMatrixSha256,
                steps,
                failedStep,
                failure,
                validation,
                rollback,
                restorePoints,
                files,
                anchor);
    }

    public String json() {
        return Manifests.JSON.writeValueAsString(this);
    }

    public String text() {
        StringBuilder t = new StringBuilder();
        t.append("VP-Flow governed migration: plan ").append(plan).append('\n');
        t.append("outcome: ")
                .append(outcome.name().toLowerCase(Locale.ROOT))
                .append(" - ")
                .append(summary)
                .append('\n');
        t.append("started: ")
                .append(startedAt)
                .append(", took ")
                .append(durationMs)
                .append(" ms\n");
        t.append("schema version: ")
                .append(schemaVersionBefore)
                .append(" -> ")
                .append(schemaVersionAfter)
                .append('\n');
        t.append("approval of the plan: ")
                .append(planApproval == null ? "-" : planApproval)
                .append('\n');
        t.append("approval of the RLS matrix: ")
                .append(rlsApproval == null ? "-" : rlsApproval)
                .append(rlsMatrixSha256 == null ? "" : " (matrix sha256 " + rlsMatrixSha256 + ")")
                .append('\n');
        t.append('\n');
        for (StepReport s : steps) {
            t.append(String.format(
                    Locale.ROOT,
                    "%d. %-72s %-7s %7d ms%n",
                    s.number(),
                    s.name(),
                    s.result().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    s.durationMs()));
            if (s.detail() != null && !s.detail().isBlank()) {
                t.append("     ").append(s.detail()).append('\n');
            }
            for (String item : s.items()) {
                t.append("     - ").append(item).append('\n');
            }
        }
        if (validation != null) {
            t.append("\nvalidation (migration plan, section 9):\n");
            String group = null;
            for (ValidationReport.Item i : validation.items()) {
                if (!i.checklist().equals(group)) {
                    group = i.checklist();
                    t.append("  ").append(group).append('\n');
                }
                t.append(String.format(
                        Locale.ROOT,
                        "    [%s] %s: %s (%d ms)%n",
                        i.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        i.check(),
                        i.detail(),
                        i.durationMs()));
                i.findings().stream()
                        .limit(20)
                        .forEach(f -> t.append("        ").append(f).append('\n'));
                if (i.findings().size() > 20) {
                    t.append("        ... and ")
                            .append(i.findings().size() - 20)
                            .append(" more\n");
                }
            }
        }
        if (failedStep != null) {
            t.append("\nstep ")
                    .append(failedStep)
                    .append(" failed: ")
                    .append(failure)
                    .append('\n');
        }
        if (rollback != null) {
            t.append("\nlogical rollback (migration plan, section 8):\n");
            rollback.actions().forEach(a -> t.append("  done: ").append(a).append('\n'));
            rollback.kept().forEach(k -> t.append("  kept: ").append(k).append('\n'));
            t.append("  ").append(rollback.detail()).append('\n');
        }
        if (!restorePoints.isEmpty()) {
            t.append("\nrestore points: ")
                    .append(String.join(", ", restorePoints))
                    .append('\n');
        }
        t.append("\naudit checkpoint: ")
                .append(auditCheckpoint == null ? "none written" : auditCheckpoint.toString())
                .append('\n');
        return t.toString();
    }
}
