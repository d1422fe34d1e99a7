package sr.gov.vpflow.users;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One of the user's own signed-in sessions; {@code current} is the one asking. */
public record SessionView(
        UUID id,
        OffsetDateTime createdAt,
        @Nullable OffsetDateTime lastUsedAt,
        @Nullable OffsetDateTime expiresAt,
        boolean current) {}
