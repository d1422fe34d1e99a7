package sr.gov.vpflow.governance;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.db.GovernedInstallation;
import sr.gov.vpflow.platform.db.SchemaState;

/**
 * Start-up's side of the governed plans. A database that this start created holds nothing to
 * protect, so every plan is applied at once, through the same runner as the operator's
 * {@code migrate}: restore points, validation, report and audit events included. An existing
 * database is never migrated here; start-up names the command instead.
 */
@Component
class FreshInstallation implements GovernedInstallation {

    private static final Logger log = LoggerFactory.getLogger(FreshInstallation.class);

    private final MigrationRunner runner;

    FreshInstallation(MigrationRunner runner) {
        this.runner = runner;
    }

    @Override
    public void installFresh(SchemaState state) {
        for (MigrationPlan plan : MigrationPlans.all()) {
            if (runner.pending(plan).isEmpty()) {
                continue;
            }
            log.info("new database: applying the migration plan {}", plan.name());
            MigrationReport report = runner.run(MigrationRequest.freshInstall(plan), log::info);
            if (report.outcome() != MigrationReport.Outcome.MIGRATED) {
                throw new IllegalStateException("the new database could not be brought to " + plan.name() + ": "
                        + report.summary() + " (report: " + String.join(", ", report.reportFiles()) + ")");
            }
        }
    }

    @Override
    public String instructions(SchemaState state) {
        List<String> plans = MigrationPlans.all().stream()
                .filter(p -> p.versions().stream().anyMatch(state.pendingGoverned()::contains))
                .map(MigrationPlan::name)
                .toList();
        String first = plans.isEmpty() ? "PLAN" : plans.get(0);
        return (plans.size() > 1
                        ? "An operator applies the plans " + String.join(", then ", plans)
                                + ", in this order, each with" + " its own approvals, the first with: "
                        : "An operator applies the plan " + first + " with: ")
                + "java -jar vpflow.jar migrate --plan " + first
                + " --approve-plan 'APPROVER|REFERENCE|YYYY-MM-DD' --approve-rls 'APPROVER|REFERENCE|YYYY-MM-DD'"
                + " (try it first with --dry-run; see migrate --help). It makes a restore point before and after,"
                + " validates, and rolls back logically if a step fails. To keep running the current version"
                + " until then, start with VPFLOW_SCHEMA_TARGET=v1.0.";
    }
}
