package sr.gov.vpflow.guests;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A guest as shown in the pages and the API; times in the office's offset. */
public record GuestView(
        UUID id,
        String fullName,
        String honorific,
        String organisation,
        String position,
        String email,
        String phone,
        String notes,
        OffsetDateTime archivedAt,
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
