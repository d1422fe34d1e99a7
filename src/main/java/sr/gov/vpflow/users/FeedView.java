package sr.gov.vpflow.users;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;

/** Whether the user has a private calendar address, since when and when it was last read. */
public record FeedView(
        boolean active,
        @Nullable OffsetDateTime createdAt,
        @Nullable OffsetDateTime lastUsedAt) {

    static FeedView none() {
        return new FeedView(false, null, null);
    }
}
