package sr.gov.vpflow.users;

import java.time.OffsetDateTime;

/** Whether the user has a private calendar address, since when and when it was last read. */
public record FeedView(boolean active, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {

    static FeedView none() {
        return new FeedView(false, null, null);
    }
}
