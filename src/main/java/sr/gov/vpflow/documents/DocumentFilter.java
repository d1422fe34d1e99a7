package sr.gov.vpflow.documents;

import java.util.UUID;

/** Which documents a list shows: a search in title and description, those linked to one record, deactivated ones too. */
public record DocumentFilter(String q, EntityType entityType, UUID entityId, boolean includeInactive) {

    public static DocumentFilter all() {
        return new DocumentFilter(null, null, null, false);
    }
}
