package sr.gov.vpflow.platform.db;

/**
 * The governed migration plans, as seen from start-up: migrations from
 * {@link SchemaMigrator#FIRST_GOVERNED} on are applied only by a plan that makes restore points
 * and validates, never silently. A module outside the platform implements this; start-up calls it.
 */
public interface GovernedInstallation {

    /**
     * Applies every pending plan to a database that this start has just created: a fresh install
     * has nothing to protect, but it still gets its restore points, validation and report.
     */
    void installFresh(SchemaState state);

    /** What the operator must do about these pending versions: the plan and the command. */
    String instructions(SchemaState state);
}
