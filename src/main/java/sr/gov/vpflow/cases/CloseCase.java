package sr.gov.vpflow.cases;

/**
 * The Vice President's decision that closes a case. {@code version}, when given, is the version
 * the decision was made on; a case changed since then is not closed.
 */
public record CloseCase(String resolution, Integer version) {}
