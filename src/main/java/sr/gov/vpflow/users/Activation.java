package sr.gov.vpflow.users;

import java.time.OffsetDateTime;

/**
 * A one-time activation link, shown once to the administrator to hand over: the person chooses
 * their own password on it, within 72 hours. The database keeps only its SHA-256.
 */
public record Activation(String url, OffsetDateTime expiresAt) {}
