package sr.gov.vpflow.users;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A personal access token as its owner sees it later: never the secret itself. */
public record AccessTokenView(
        UUID id,
        String name,
        OffsetDateTime createdAt,
        @Nullable OffsetDateTime expiresAt,
        @Nullable OffsetDateTime lastUsedAt) {}
