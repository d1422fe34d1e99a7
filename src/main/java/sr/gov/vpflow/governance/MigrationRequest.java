package sr.gov.vpflow.governance;

/**
 * What the operator asks for: a plan, the approvals of the plan and of the RLS matrix (DOC 9),
 * and whether only to show the plan and check its preconditions.
 *
 * @param freshInstall a database created by this start: nothing to protect, no approvals needed
 * @param channel      how the run was started, for the audit log: cli or system
 */
public record MigrationRequest(
        MigrationPlan plan,
        Approval planApproval,
        Approval rlsApproval,
        boolean dryRun,
        boolean freshInstall,
        String channel) {

    public static MigrationRequest byOperator(
            MigrationPlan plan, Approval planApproval, Approval rlsApproval, boolean dryRun) {
        return new MigrationRequest(plan, planApproval, rlsApproval, dryRun, false, "cli");
    }

    static MigrationRequest freshInstall(MigrationPlan plan) {
        return new MigrationRequest(plan, null, null, false, true, "system");
    }
}
