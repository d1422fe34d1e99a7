package sr.gov.vpflow.platform.db;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns the refusal into Spring Boot's start-up failure report, without a stack trace. */
class UnsafeDurabilityFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeDurabilityException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeDurabilityException cause) {
        return new FailureAnalysis(
                "PostgreSQL runs with "
                        + cause.settings().stream()
                                .map(Durability.Setting::toString)
                                .collect(Collectors.joining(", "))
                        + ": a record it reports committed can be lost in a power cut or an operating system crash,"
                        + " and the database can be corrupted.",
                "Turn fsync, full_page_writes and synchronous_commit on in the database's configuration (and in"
                        + " any ALTER ROLE or ALTER DATABASE setting of VP-Flow's roles and database). For tests and"
                        + " benchmarks only, start with VPFLOW_ALLOW_UNSAFE_DURABILITY=true.",
                cause);
    }
}
