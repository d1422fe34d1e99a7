package sr.gov.vpflow.guests;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A guest as shown in the pages and the API; times in the office's offset. */
public record GuestView(
        UUID id,
        String fullName,
        @Nullable String honorific,
        @Nullable String organisation,
        @Nullable String position,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String notes,
        @Nullable OffsetDateTime archivedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        int version) {

    @JsonIgnore
    public boolean isArchived() {
        return archivedAt != null;
    }

    /** The name as the office writes it on a badge or in the agenda: honorific and full name. */
    public String displayName() {
        return honorific == null ? fullName : honorific + " " + fullName;
    }
}
