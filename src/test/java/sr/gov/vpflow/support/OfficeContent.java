package sr.gov.vpflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

/**
 * A guest and a case with names of their own, registered by a secretary through the API, so that a
 * test can show that a page of the administrator names neither.
 */
public record OfficeContent(String guestId, String guestName, String caseTitle) {

    public static OfficeContent seed(Api api, TestAccounts.Account secretary) {
        String guest = "Gast-" + UUID.randomUUID();
        String title = "Zaak-" + UUID.randomUUID();
        String guestId = api.post("/api/v1/guests", secretary, Map.of("full_name", guest))
                .json()
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/cases", secretary, Map.of("title", title, "guest_id", guestId))
                        .status())
                .isEqualTo(201);
        return new OfficeContent(guestId, guest, title);
    }
}
