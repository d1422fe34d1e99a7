package sr.gov.vpflow.platform.db;

/**
 * The server refuses to start: the database holds an older version and a governed migration plan
 * is pending. Migrating an existing database is the operator's decision, never start-up's.
 */
public final class PendingGovernedMigrationsException extends IllegalStateException {

    private final transient SchemaState state;
    private final String instructions;

    PendingGovernedMigrationsException(SchemaState state, String instructions) {
        super("VP-Flow does not start: the database is at schema version " + state.version()
                + " and the governed migrations " + String.join(", ", state.pendingGoverned())
                + " are pending. " + instructions);
        this.state = state;
        this.instructions = instructions;
    }

    public SchemaState state() {
        return state;
    }

    public String instructions() {
        return instructions;
    }
}
