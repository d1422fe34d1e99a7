package sr.gov.vpflow.governance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import sr.gov.vpflow.audit.AuditCheckpoints;
import sr.gov.vpflow.governance.MigrationReport.Outcome;
import sr.gov.vpflow.governance.MigrationReport.Result;
import sr.gov.vpflow.governance.MigrationReport.StepReport;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SafeFiles;
import sr.gov.vpflow.platform.SchemaChanged;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.platform.db.SchemaMigrator;

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
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * A schema change waits at most this long for its lock, then lets the office's work pass and
     * tries again: waiting longer would queue every request on the table behind it.
     */
    static final String LOCK_TIMEOUT = "500ms";

    static final int LOCK_ATTEMPTS = 20;
    static final long LOCK_RETRY_PAUSE_MS = 1000;

    private final OwnerDatabase database;
    private final RestorePoints restorePoints;
    private final Checklist checklist;
    private final GovernanceAudit audit;
    private final ApplicationEventPublisher events;
    private final Path reports;
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
        this.restorePoints = restorePoints;
        this.checklist = checklist;
        this.audit = audit;
        this.events = events;
        this.reports = settings.reports(properties).toAbsolutePath();
    }

    public Path reportFolder() {
        return reports;
    }

    public MigrationReport run(MigrationRequest request, Progress progress) {
        return run(request, progress, StepHook.NONE);
    }

    MigrationReport run(MigrationRequest request, Progress progress, StepHook hook) {
        if (request.dryRun()) {
            return new Run(request, progress, hook).dryRun();
        }
        try (GovernanceLock lock =
                GovernanceLock.acquire(database.dataSource("governance-lock", null), "the migration")) {
            MigrationReport report = new Run(request, progress, hook).execute();
            if (!report.changedNothing() || report.outcome() == Outcome.REFUSED) {
                report = write(report);
            }
            return report;
        }
    }

    /** The plan's pending versions, or none when it is applied completely. */
    public List<String> pending(MigrationPlan plan) {
        Set<String> applied = applied();
        return plan.versions().stream().filter(v -> !applied.contains(v)).toList();
    }

    private Set<String> applied() {
        Set<String> applied = new LinkedHashSet<>();
        for (MigrationInfo info :
                SchemaMigrator.flyway(database.dataSource()).info().applied()) {
            if (info.getVersion() != null
                    && info.getState().isApplied()
                    && !info.getState().isFailed()) {
                applied.add(info.getVersion().getVersion());
            }
        }
        return applied;
    }

    private String schemaVersion() {
        MigrationInfo current =
                SchemaMigrator.flyway(database.dataSource()).info().current();
        return current == null || current.getVersion() == null
                ? "none"
                : current.getVersion().getVersion();
    }

    /** Writes the report for people and for machines, each file safely, and names them in the report. */
    private MigrationReport write(MigrationReport report) {
        String base = "migrate-" + report.plan() + "-"
                + ZonedDateTime.now(OfficeTime.ZONE).format(STAMP);
        Path text = reports.resolve(base + ".txt");
        Path json = reports.resolve(base + ".json");
        for (int i = 2; Files.exists(text) || Files.exists(json); i++) {
            text = reports.resolve(base + "-" + i + ".txt");
            json = reports.resolve(base + "-" + i + ".json");
        }
        // the run's own event is anchored already (GovernanceAudit); a run that changed nothing
        // names the newest checkpoint there is
        MigrationReport named = report.written(
                List.of(text.toString(), json.toString()),
                checkpoints.newestAnchor().orElse(null));
        SafeFiles.writeString(json, named.json());
        SafeFiles.writeString(text, named.text());
        return named;
    }

    /** One run of a plan. */
    private final class Run {
        private final MigrationRequest request;
        private final MigrationPlan plan;
        private final Progress progress;
        private final StepHook hook;
        private final long started = System.nanoTime();
        private final String startedAt =
                ZonedDateTime.now(OfficeTime.ZONE).toOffsetDateTime().toString();
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
            this.versionBefore = schemaVersion();
        }

        MigrationReport dryRun() {
            List<String> pending = pending(plan);
            if (pending.isEmpty()) {
                return alreadyApplied();
            }
            List<String> checks = new ArrayList<>();
            List<String> problems = preconditions(checks);
            steps.add(new StepReport(
                    1,
                    plan.steps().get(0).name(),
                    problems.isEmpty() ? Result.OK : Result.FAILED,
                    elapsed(),
                    problems.isEmpty() ? "every precondition holds" : String.join("; ", problems),
                    checks));
            Map<String, MigrationInfo> resolved = resolved();
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
            int current = 1;
            try {
                // 1. preconditions: refused before anything changes
                List<String> checks = new ArrayList<>();
                long t = System.nanoTime();
                List<String> problems = preconditions(checks);
                if (!problems.isEmpty()) {
                    steps.add(stepReport(1, Result.FAILED, t, String.join("; ", problems), checks));
                    progress.report("refused: " + String.join("; ", problems));
                    return report(
                            Outcome.REFUSED,
                            "refused before anything changed: " + String.join("; ", problems),
                            1,
                            String.join("; ", problems),
                            null);
                }
                hook.after(1);
                steps.add(stepReport(1, Result.OK, t, "every precondition holds", checks));
                progress.report("step 1/7 preconditions: ok");

                // 2. restore point, then the baseline the validation compares with
                current = 2;
                t = System.nanoTime();
                RestorePoint pre = restorePoints.create(
                        restorePoints.freeName(plan.name() + "-pre-migration"),
                        "before the migration plan " + plan.name(),
                        request.channel(),
                        progress);
                points.add(pre.name());
                progress.report("  taking the baseline for the validation");
                baseline = checklist.baseline(plan, progress);
                hook.after(2);
                steps.add(stepReport(
                        2,
                        Result.OK,
                        t,
                        "restore point " + pre.name() + " (" + pre.rows() + " rows, " + pre.tables()
                                + " tables); baseline of " + baseline.tables().size() + " tables and "
                                + baseline.queries().size() + " queries",
                        List.of()));
                progress.report("step 2/7 restore point " + pre.name() + ": ok");

                // 3-5. the migrations, one at a time, each with short locks
                for (MigrationPlan.Step step : plan.steps()) {
                    if (step.kind() != MigrationPlan.Kind.MIGRATIONS) {
                        continue;
                    }
                    current = step.number();
                    t = System.nanoTime();
                    List<String> items = migrate(step.versions());
                    hook.after(step.number());
                    steps.add(stepReport(step.number(), Result.OK, t, "", items));
                    progress.report("step " + step.number() + "/7 " + step.name() + ": ok");
                }

                // 6. validation
                current = 6;
                t = System.nanoTime();
                progress.report("step 6/7 validating");
                validation = checklist.afterMigration(plan, baseline, progress);
                if (!validation.passed()) {
                    String why = "validation failed: "
                            + String.join(
                                    "; ",
                                    validation.failed().stream()
                                            .map(i -> i.check() + " (" + i.detail() + ")")
                                            .toList());
                    steps.add(stepReport(6, Result.FAILED, t, why, List.of()));
                    return failed(6, why);
                }
                hook.after(6);
                steps.add(stepReport(6, Result.OK, t, "every item of the checklist holds", List.of()));
                progress.report("step 6/7 validation: ok");

                // 7. restore point of the migrated database
                current = 7;
                t = System.nanoTime();
                RestorePoint post = restorePoints.create(
                        restorePoints.freeName(plan.name() + "-post-schema"),
                        "after the migration plan " + plan.name(),
                        request.channel(),
                        progress);
                points.add(post.name());
                hook.after(7);
                steps.add(stepReport(
                        7,
                        Result.OK,
                        t,
                        "restore point " + post.name() + " (" + post.rows() + " rows, " + post.tables() + " tables)",
                        List.of()));
                progress.report("step 7/7 restore point " + post.name() + ": ok");
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
                    "the database is now at " + plan.name() + " (schema version " + schemaVersion() + ")",
                    null,
                    null,
                    null);
            record(report);
            events.publishEvent(new SchemaChanged("migration plan " + plan.name()));
            log.info("migration plan {} applied in {} ms", plan.name(), report.durationMs());
            return report;
        }

        /**
         * Applies a step's migrations with Flyway, each in its own short transaction, retrying while
         * the office's work holds a lock that one of them needs.
         */
        private List<String> migrate(List<String> versions) {
            DataSource ds = database.dataSource("migrate", "-c lock_timeout=" + LOCK_TIMEOUT);
            List<String> items = new ArrayList<>();
            int waits = 0;
            for (int attempt = 1; ; attempt++) {
                try {
                    MigrateResult result = SchemaMigrator.configure(ds)
                            .target(versions.get(versions.size() - 1))
                            .load()
                            .migrate();
                    for (MigrateOutput m : result.migrations) {
                        String line = m.version + " " + m.filepath.substring(m.filepath.lastIndexOf('/') + 1) + ": "
                                + m.executionTime + " ms";
                        items.add(line);
                        progress.report("  " + line);
                    }
                    if (waits > 0) {
                        items.add("waited " + waits + " times for the office's work to release a lock");
                    }
                    return items;
                } catch (RuntimeException e) {
                    if (!lockTimeout(e) || attempt >= LOCK_ATTEMPTS) {
                        throw new IllegalStateException("migration failed: " + rootMessage(e), e);
                    }
                    waits++;
                    progress.report("  the office's work holds a lock a migration needs; trying again");
                    sleep();
                }
            }
        }

        private MigrationReport failed(int step, String why) {
            progress.report("step " + step + " failed: " + why);
            progress.report("logical rollback");
            MigrationReport.RollbackReport rollback;
            try {
                LogicalRollback.Outcome undone = new LogicalRollback(
                                database.dataSource("rollback", "-c lock_timeout=" + LOCK_TIMEOUT), plan)
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

        /** Section 10 of the migration plan, and what a safe run needs besides. */
        private List<String> preconditions(List<String> checks) {
            List<String> problems = new ArrayList<>();
            if (request.freshInstall()) {
                checks.add("approvals: not required, the database was created by this installation");
            } else {
                approval("the migration plan " + plan.name(), request.planApproval(), checks, problems);
                approval(
                        "the RLS matrix (DOC 9, sha256 " + matrixSha.substring(0, 12) + ")",
                        request.rlsApproval(),
                        checks,
                        problems);
            }
            String base = versionBefore;
            Set<String> applied = applied();
            boolean partlyApplied = plan.versions().stream().anyMatch(applied::contains);
            String complete = SchemaMigrator.newestOfSeries(database.dataSource(), plan.baseSeries());
            if (base.equals(complete) || partlyApplied) {
                checks.add("schema version " + base + (partlyApplied ? " (the plan partly applied)" : "")
                        + ": the plan applies");
            } else {
                problems.add("the plan applies to schema version " + complete + " (all of " + plan.baseSeries()
                        + "), the database is at " + base);
            }
            ValidateResult valid = SchemaMigrator.configure(database.dataSource())
                    .ignoreMigrationPatterns("*:pending")
                    .load()
                    .validateWithResult();
            if (valid.validationSuccessful) {
                checks.add("applied migrations match this build's (checksums)");
            } else {
                problems.add("the applied migrations do not match this build: "
                        + valid.invalidMigrations.stream()
                                .map(m -> m.version + " " + m.errorDetails.errorMessage)
                                .toList());
            }
            restorePointDiscipline(checks, problems);
            try (Connection c = database.dataSource().getConnection()) {
                boolean intact = Boolean.parseBoolean(
                        RestorePointWriter.single(c, "SELECT valid::text FROM vpflow.audit_verify()"));
                if (intact) {
                    checks.add("the audit log's hash chain is intact");
                } else {
                    problems.add("the audit log's hash chain is broken (run: audit verify)");
                }
            } catch (SQLException e) {
                problems.add("cannot verify the audit log: " + e.getMessage());
            }
            return problems;
        }

        private void approval(String what, Approval approval, List<String> checks, List<String> problems) {
            if (approval == null) {
                problems.add("no approval of " + what + " was given");
                return;
            }
            approval.problem(clock)
                    .ifPresentOrElse(
                            p -> problems.add("the approval of " + what + " is not valid: " + p),
                            () -> checks.add("approval of " + what + ": " + approval));
        }

        /** Restore points are not optional: the folder must take two complete copies of the data. */
        private void restorePointDiscipline(List<String> checks, List<String> problems) {
            Path folder = restorePoints.folder();
            try {
                SafeFiles.privateDirectory(folder);
                Path probe = Files.createTempFile(folder, ".probe", ".tmp");
                Files.delete(probe);
                long needed;
                try (Connection c = database.dataSource().getConnection()) {
                    needed = Long.parseLong(RestorePointWriter.single(
                            c,
                            "SELECT coalesce(sum(pg_relation_size(c.oid)), 0) FROM pg_class c"
                                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                    + " WHERE n.nspname = 'vpflow' AND c.relkind = 'r'"));
                }
                long free = Files.getFileStore(folder).getUsableSpace();
                // two restore points (pre-migration and post-schema), each about the tables' size
                long wanted = needed * 5 / 2 + 64L * 1024 * 1024;
                if (free < wanted) {
                    problems.add("restore points need about " + RestorePointWriter.mb(wanted) + " in " + folder
                            + ", only " + RestorePointWriter.mb(free) + " is free");
                } else {
                    checks.add("restore-point discipline: restore points (pre-migration, post-schema) are made in "
                            + folder + " (" + RestorePointWriter.mb(free) + " free, about "
                            + RestorePointWriter.mb(wanted) + " needed)");
                }
            } catch (IOException | SQLException e) {
                problems.add("restore points cannot be written to " + folder + ": " + e.getMessage());
            }
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
                    schemaVersion(),
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

    private Map<String, MigrationInfo> resolved() {
        Map<String, MigrationInfo> map = new LinkedHashMap<>();
        Arrays.stream(SchemaMigrator.flyway(database.dataSource()).info().all())
                .filter(i -> i.getVersion() != null)
                .forEach(i -> map.put(i.getVersion().getVersion(), i));
        return map;
    }

    private static boolean lockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("lock timeout")) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static void sleep() {
        try {
            Thread.sleep(LOCK_RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a lock", e);
        }
    }
}
