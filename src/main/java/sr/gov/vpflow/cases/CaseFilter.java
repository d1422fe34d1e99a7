package sr.gov.vpflow.cases;

import java.util.UUID;

/** What a case list is narrowed to; every part may be null. {@code q} searches title and reference. */
public record CaseFilter(CaseState state, UUID guestId, UUID appointmentId, String q) {

    public static CaseFilter all() {
        return new CaseFilter(null, null, null, null);
    }
}
