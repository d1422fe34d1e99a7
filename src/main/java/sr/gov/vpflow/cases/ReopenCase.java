package sr.gov.vpflow.cases;

/**
 * The Vice President's decision to re-open a closed case, with the reason. {@code version}, when
 * given, is the version the decision was made on; a case changed since then is not re-opened.
 */
public record ReopenCase(String reason, Integer version) {}
