package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import sr.gov.vpflow.support.Uploads;

/** On a database without v1.1-A there are no documents: every page and endpoint is 404, no page links to them. */
class DocumentsOnV10IT {

    @Test
    void everyDocumentPathIsNotFoundAndNoPageOffersDocuments() {
        Path dir = IntegrationTest.newDataDir("documents-v10");
        try (ConfigurableApplicationContext app = StandaloneApplication.start(dir, true, "vpflow.schema-target=v1.0")) {
            TestAccounts.Account secretary = TestAccounts.of(app).create(Role.SECRETARY, "secretaris-v10");
            Api api = new Api("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            UUID id = UUID.randomUUID();
            for (String path : new String[] {
                "/api/v1/documents",
                "/api/v1/documents/" + id,
                "/api/v1/documents/" + id + "/content",
                "/api/v1/documents/" + id + "/links"
            }) {
                Api.Response r = api.get(path, secretary);
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.json().get("code").asString()).isEqualTo("not_found");
            }
            Uploads.Body body = Uploads.body("Op v1.0", "a.pdf", "application/pdf", Samples.pdf());
            assertThat(new Uploads(api.base()).upload(secretary, body).statusCode())
                    .isEqualTo(404);
            assertThat(api.post("/api/v1/documents/" + id + "/deactivate", secretary, Map.of("reason", "x"))
                            .status())
                    .isEqualTo(404);

            Api.Response guest = api.post("/api/v1/guests", secretary, Map.of("full_name", "Gast op v1.0"));
            Api.Response kase = api.post("/api/v1/cases", secretary, Map.of("title", "Zaak op v1.0"));
            PageSession session = PageSession.signIn(api.base(), secretary);
            for (String page : new String[] {
                "/documents",
                "/documents/new",
                "/documents/" + id,
                "/documents/fragments/by-entity/case/" + kase.json().get("id").asString()
            }) {
                assertThat(session.get(page).status()).as(page).isEqualTo(404);
            }
            assertThat(session.get("/guests/" + guest.json().get("id").asString())
                            .body())
                    .contains("/cases/fragments/by-guest/")
                    .doesNotContain("/documents");
            assertThat(session.get("/cases/" + kase.json().get("id").asString()).body())
                    .doesNotContain("/documents");
            assertThat(app.getBean(StorageCheck.class).verify().checked()).isZero();
        }
    }
}
