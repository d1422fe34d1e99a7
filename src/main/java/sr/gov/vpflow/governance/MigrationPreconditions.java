package sr.gov.vpflow.governance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.output.ValidateResult;
import sr.gov.vpflow.platform.SafeFiles;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.platform.db.SchemaMigrator;

/**
 * What must hold before a plan changes anything (section 10 of the migration plan): the approvals,
 * the schema version the plan applies to, this build's migrations matching the applied ones, room
 * for two restore points, and an intact audit chain.
 */
final class MigrationPreconditions {

    private final OwnerDatabase database;
    private final FlywaySteps flyway;
    private final RestorePoints restorePoints;
    private final Clock clock;

    MigrationPreconditions(OwnerDatabase database, FlywaySteps flyway, RestorePoints restorePoints, Clock clock) {
        this.database = database;
        this.flyway = flyway;
        this.restorePoints = restorePoints;
        this.clock = clock;
    }

    /** Section 10 of the migration plan, and what a safe run needs besides: the problems, and the checks that hold. */
    List<String> check(MigrationRequest request, String versionBefore, String matrixSha, List<String> checks) {
        MigrationPlan plan = request.plan();
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
        Set<String> applied = flyway.applied();
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
            boolean intact =
                    Boolean.parseBoolean(RestorePointWriter.single(c, "SELECT valid::text FROM vpflow.audit_verify()"));
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
                problems.add("restore points need about " + RestorePointWriter.mb(wanted) + " in " + folder + ", only "
                        + RestorePointWriter.mb(free) + " is free");
            } else {
                checks.add("restore-point discipline: restore points (pre-migration, post-schema) are made in "
                        + folder + " (" + RestorePointWriter.mb(free) + " free, about "
                        + RestorePointWriter.mb(wanted) + " needed)");
            }
        } catch (IOException | SQLException e) {
            problems.add("restore points cannot be written to " + folder + ": " + e.getMessage());
        }
    }
}
