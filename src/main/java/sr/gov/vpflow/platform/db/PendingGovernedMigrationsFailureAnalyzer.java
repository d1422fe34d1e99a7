package sr.gov.vpflow.platform.db;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the refusal into Spring Boot's start-up failure report, without a stack trace. */
class PendingGovernedMigrationsFailureAnalyzer extends AbstractFailureAnalyzer<PendingGovernedMigrationsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PendingGovernedMigrationsException cause) {
        return new FailureAnalysis(
                "The database is at schema version " + cause.state().version() + "; the governed migrations "
                        + String.join(", ", cause.state().pendingGoverned())
                        + " are pending and are never applied automatically to an existing database.",
                cause.instructions(),
                cause);
    }
}
