package sr.gov.vpflow.governance;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import sr.gov.vpflow.audit.AuditCheckpoints;
import sr.gov.vpflow.governance.MigrationReport.Outcome;
import sr.gov.vpflow.governance.MigrationReport.Result;
import sr.gov.vpflow.governance.MigrationReport.StepReport;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SchemaChanged;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.platform.db.SessionLocks;

/**
 * Runs a governed migration plan in the migration plan's mandatory order (section 7): the
 * preconditions (section 10), a restore point, the plan's migrations one at a time, the
 * validation checklist (section 9), a second restore point. A failing step triggers the logical
 * rollback (section 8). Every run that changes something is recorded in the audit log and
 * reported, for people and for machines, in the reports folder.
 */
@Service
public class MigrationRunner {

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private final OwnerDatabase database;
    private final FlywaySteps flyway;
    private final MigrationPreconditions preconditions;
    private final RestorePoints restorePoints;
    private final Checklist checklist;
    private final GovernanceAudit audit;
    private final ApplicationEventPublisher events;
    private final MigrationReportFiles reportFiles;
    private final Clock clock;

    private final AuditCheckpoints checkpoints;

    MigrationRunner(
            OwnerDatabase database,
            RestorePoints restorePoints,
            Checklist checklist,
            GovernanceAudit audit,
            ApplicationEventPublisher events,
            VpFlowProperties properties,
            GovernanceSettings settings,
            AuditCheckpoints checkpoints,
            Clock clock) {
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.database = database;
        this.flyway = new FlywaySteps(database);
        this.preconditions = new MigrationPreconditions(database, flyway, restorePoints, clock);
        this.restorePoints = restorePoints;
        this.checklist = checklist;
        this.audit = audit;
        this.events = events;
        this.reportFiles = new MigrationReportFiles(settings.reports(properties).toAbsolutePath(), checkpoints, clock);
    }

    public Path reportFolder() {
        return reportFiles.folder();
    }

    public MigrationReport run(MigrationRequest request, Progress progress) {
        return run(request, progress, StepHook.NONE);
    }

    MigrationReport run(MigrationRequest request, Progress progress, StepHook hook) {
        if (request.dryRun()) {
            return new Run(request, progress, hook).dryRun();
        }
        try (SessionLocks.Held lock = GovernanceLock.acquire(database, "the migration")) {
            MigrationReport report = new Run(request, progress, hook).execute();
            if (!report.changedNothing() || report.outcome() == Outcome.REFUSED) {
                report = reportFiles.write(report);
            }
            return report;
        }
    }

    /** The plan's pending versions, or none when it is applied completely. */
    public List<String> pending(MigrationPlan plan) {
        Set<String> applied = flyway.applied();
        return plan.versions().stream().filter(v -> !applied.contains(v)).toList();
    }

    /** One run of a plan. */
    private final class Run {
        private final MigrationRequest request;
        private final MigrationPlan plan;
        private final Progress progress;
        private final StepHook hook;
        private final long started = System.nanoTime();
        private final String startedAt =
                OfficeTime.now(clock).toOffsetDateTime().toString();
        private final List<StepReport> steps = new ArrayList<>();
        private final List<String> points = new ArrayList<>();
        private final String versionBefore;
        private final String matrixSha = RlsMatrix.load().sha256();
        private ValidationReport validation;
        private Baseline baseline;

        Run(MigrationRequest request, Progress progress, StepHook hook) {
            this.request = request;
            this.plan = request.plan();
            this.progress = progress;
            this.hook = hook;
            this.versionBefore = flyway.schemaVersion();
        }

        MigrationReport dryRun() {
            List<String> pending = pending(plan);
            if (pending.isEmpty()) {
                return alreadyApplied();
            }
            List<String> checks = new ArrayList<>();
            List<String> problems = preconditions.check(request, versionBefore, matrixSha, checks);
            steps.add(new StepReport(
                    1,
                    plan.steps().get(0).name(),
                    problems.isEmpty() ? Result.OK : Result.FAILED,
                    elapsed(),
                    problems.isEmpty() ? "every precondition holds" : String.join("; ", problems),
                    checks));
            Map<String, MigrationInfo> resolved = flyway.resolved();
            for (MigrationPlan.Step step : plan.steps().subList(1, plan.steps().size())) {
                List<String> items = new ArrayList<>();
                for (String v : step.versions()) {
                    MigrationInfo info = resolved.get(v);
                    items.add(v + " "
                            + (info == null
                                    ? "(missing from this build)"
                                    : info.getScript() + " checksum " + info.getChecksum())
                            + (pending.contains(v) ? "" : " (applied already)"));
                }
                steps.add(new StepReport(step.number(), step.name(), Result.NOT_RUN, 0, "would run", items));
            }
            return report(
                    problems.isEmpty() ? Outcome.DRY_RUN : Outcome.REFUSED,
                    problems.isEmpty()
                            ? "dry run: the preconditions hold; nothing was changed"
                            : "dry run: refused, nothing was changed: " + String.join("; ", problems),
                    null,
                    null,
                    null);
        }

        private MigrationReport alreadyApplied() {
            return report(
                    Outcome.ALREADY_APPLIED,
                    "the database is already at " + plan.name() + " (schema version " + versionBefore
                            + "); nothing was changed",
                    null,
                    null,
                    null);
        }

        MigrationReport execute() {
            if (pending(plan).isEmpty()) {
                progress.report("the database is already at " + plan.name());
                return alreadyApplied();
            }
            progress.report("plan " + plan.name() + ": " + plan.title());
            int total = plan.steps().size();
            int current = 1;
            try {
                // every step the same way: timed, reported, its hook called; the first refusal or
                // failure ends the run (before anything changed, or with the logical rollback)
                for (MigrationPlan.Step step : plan.steps()) {
                    current = step.number();
                    long t = System.nanoTime();
                    Done done = run(step);
                    if (!done.ok()) {
                        steps.add(stepReport(step.number(), Result.FAILED, t, done.detail(), done.items()));
                        if (step.kind() == MigrationPlan.Kind.PRECONDITIONS) {
                            progress.report("refused: " + done.detail());
                            return report(
                                    Outcome.REFUSED,
                                    "refused before anything changed: " + done.detail(),
                                    1,
                                    done.detail(),
                                    null);
                        }
                        return failed(step.number(), done.detail());
                    }
                    hook.after(step.number());
                    steps.add(stepReport(step.number(), Result.OK, t, done.detail(), done.items()));
                    progress.report("step " + step.number() + "/" + total + " " + done.summary() + ": ok");
                }
            } catch (RuntimeException e) {
                int step = current;
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                if (steps.stream().noneMatch(s -> s.number() == step)) {
                    steps.add(
                            new StepReport(step, plan.steps().get(step - 1).name(), Result.FAILED, 0, why, List.of()));
                }
                log.warn("migration plan {} failed at step {}: {}", plan.name(), step, why);
                if (step == 1) {
                    return report(Outcome.FAILED, "step 1 failed before anything changed: " + why, 1, why, null);
                }
                return failed(step, why);
            }
            MigrationReport report = report(
                    Outcome.MIGRATED,
                    "the database is now at " + plan.name() + " (schema version " + flyway.schemaVersion() + ")",
                    null,
                    null,
                    null);
            record(report);
            events.publishEvent(new SchemaChanged("migration plan " + plan.name()));
            log.info("migration plan {} applied in {} ms", plan.name(), report.durationMs());
            return report;
        }

        /** What a step did: whether it holds, its line in the report, and the words for the progress. */
        private record Done(boolean ok, String detail, List<String> items, String summary) {}

        /** Runs one step of the plan by its kind. */
        private Done run(MigrationPlan.Step step) {
            return switch (step.kind()) {
                case PRECONDITIONS -> {
                    // refused before anything changes
                    List<String> checks = new ArrayList<>();
                    List<String> problems = preconditions.check(request, versionBefore, matrixSha, checks);
                    yield problems.isEmpty()
                            ? new Done(true, "every precondition holds", checks, "preconditions")
                            : new Done(false, String.join("; ", problems), checks, "preconditions");
                }
                case RESTORE_POINT_PRE -> {
                    // a restore point, then the baseline the validation compares with
                    RestorePoint pre = restorePoint("-pre-migration", "before the migration plan ");
                    progress.report("  taking the baseline for the validation");
                    baseline = checklist.baseline(plan, progress);
                    yield new Done(
                            true,
                            "restore point " + pre.name() + " (" + pre.rows() + " rows, " + pre.tables()
                                    + " tables); baseline of "
                                    + baseline.tables().size() + " tables and "
                                    + baseline.queries().size() + " queries",
                            List.of(),
                            "restore point " + pre.name());
                }
                // the migrations, one at a time, each with short locks
                case MIGRATIONS -> new Done(true, "", flyway.migrate(step.versions(), progress), step.name());
                case VALIDATION -> {
                    progress.report("step " + step.number() + "/" + plan.steps().size() + " validating");
                    validation = checklist.afterMigration(plan, baseline, progress);
                    yield validation.passed()
                            ? new Done(true, "every item of the checklist holds", List.of(), "validation")
                            : new Done(
                                    false,
                                    "validation failed: "
                                            + String.join(
                                                    "; ",
                                                    validation.failed().stream()
                                                            .map(i -> i.check() + " (" + i.detail() + ")")
                                                            .toList()),
                                    List.of(),
                                    "validation");
                }
                case RESTORE_POINT_POST -> {
                    RestorePoint post = restorePoint("-post-schema", "after the migration plan ");
                    yield new Done(
                            true,
                            "restore point " + post.name() + " (" + post.rows() + " rows, " + post.tables()
                                    + " tables)",
                            List.of(),
                            "restore point " + post.name());
                }
            };
        }

        private RestorePoint restorePoint(String suffix, String why) {
            RestorePoint point = restorePoints.create(
                    restorePoints.freeName(plan.name() + suffix), why + plan.name(), request.channel(), progress);
            points.add(point.name());
            return point;
        }

        private MigrationReport failed(int step, String why) {
            progress.report("step " + step + " failed: " + why);
            progress.report("logical rollback");
            MigrationReport.RollbackReport rollback;
            try {
                LogicalRollback.Outcome undone = new LogicalRollback(
                                database.dataSource("rollback", "-c lock_timeout=" + FlywaySteps.LOCK_TIMEOUT), plan)
                        .run(progress);
                List<String> problems = checklist.afterRollback(plan, baseline);
                boolean valid = undone.undone() && problems.isEmpty();
                rollback = new MigrationReport.RollbackReport(
                        undone.actions(),
                        undone.kept(),
                        valid,
                        valid
                                ? "the database is valid under " + versionBefore
                                        + ": its schema is the one before the plan (enum values stay), every record"
                                        + " is unchanged, every v1.0 query runs; nothing was deleted"
                                : "the database is NOT back at " + versionBefore + ": " + String.join("; ", problems));
            } catch (SQLException | RuntimeException e) {
                rollback = new MigrationReport.RollbackReport(
                        List.of(), List.of(), false, "the logical rollback failed: " + rootMessage(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rollback = new MigrationReport.RollbackReport(List.of(), List.of(), false, "interrupted");
            }
            events.publishEvent(new SchemaChanged("rolled back " + plan.name()));
            MigrationReport report = report(
                    rollback.validUnderBase() ? Outcome.ROLLED_BACK : Outcome.FAILED,
                    "step " + step + " (" + plan.steps().get(step - 1).name() + ") failed; "
                            + (rollback.validUnderBase()
                                    ? "rolled back logically, the database is valid under " + versionBefore
                                    : "the logical rollback did not complete"),
                    step,
                    why,
                    rollback);
            try {
                record(report);
            } catch (RuntimeException e) {
                log.warn("could not record the failed migration in the audit log: {}", e.getMessage());
            }
            return report;
        }

        private void record(MigrationReport report) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("plan", plan.name());
            details.put("outcome", report.outcome().name().toLowerCase(Locale.ROOT));
            details.put("schema_version_before", report.schemaVersionBefore());
            details.put("schema_version_after", report.schemaVersionAfter());
            if (report.failedStep() != null) {
                details.put("failed_step", report.failedStep());
                details.put("failure", report.failure());
            }
            if (report.planApproval() != null) {
                details.put("plan_approval", report.planApproval().toString());
            }
            if (report.rlsApproval() != null) {
                details.put("rls_matrix_approval", report.rlsApproval().toString());
            }
            details.put("rls_matrix_sha256", matrixSha);
            details.put("restore_points", points);
            details.put("duration_ms", report.durationMs());
            audit.record("migration_run", request.channel(), details);
        }

        private MigrationReport report(
                Outcome outcome,
                String summary,
                Integer failedStep,
                String failure,
                MigrationReport.RollbackReport rollback) {
            return new MigrationReport(
                    plan.name(),
                    outcome,
                    summary,
                    startedAt,
                    elapsed(),
                    versionBefore,
                    flyway.schemaVersion(),
                    request.planApproval(),
                    request.rlsApproval(),
                    matrixSha,
                    List.copyOf(steps),
                    failedStep,
                    failure,
                    validation,
                    rollback,
                    List.copyOf(points),
                    List.of(),
                    null);
        }

        private StepReport stepReport(int number, Result result, long startedNanos, String detail, List<String> items) {
            return new StepReport(
                    number,
                    plan.steps().get(number - 1).name(),
                    result,
                    (System.nanoTime() - startedNanos) / 1_000_000,
                    detail,
                    List.copyOf(items));
        }

        private long elapsed() {
            return (System.nanoTime() - started) / 1_000_000;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
