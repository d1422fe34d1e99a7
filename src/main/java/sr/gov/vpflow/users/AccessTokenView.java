package sr.gov.vpflow.users;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A personal access token as its owner sees it later: never the secret itself. */
public record AccessTokenView(
        UUID id, String name, OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt) {}
