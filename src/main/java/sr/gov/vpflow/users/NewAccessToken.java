package sr.gov.vpflow.users;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A personal access token just made: the only time its secret is shown. */
public record NewAccessToken(
        UUID id,
        String name,
        String token,
        OffsetDateTime createdAt,
        @Nullable OffsetDateTime expiresAt) {}
