package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.Uploads;

/** The document pages over plain HTTP, signed in through the login form. */
class DocumentPagesIT extends DocumentTestBase {

    private static final Pattern CSRF_ACTION = Pattern.compile("action=\"/documents\\?_csrf=([^\"]+)\"");

    @Test
    void theUploadFormStoresTheFileAndShowsTheDocument() {
        UUID kase = caseOf(secretary);
        PageSession session = PageSession.signIn(api.base(), secretary);
        String form =
                session.get("/documents/new?entity_type=case&entity_id=" + kase).body();
        assertThat(form)
                .contains("enctype=\"multipart/form-data\"")
                .contains("name=\"entity_id\" value=\"" + kase + "\"");
        Matcher action = CSRF_ACTION.matcher(form);
        assertThat(action.find()).isTrue();

        String title = unique("Agenda vergadering");
        Uploads.Body body = Uploads.body(title, "agenda.png", "image/png", Samples.png())
                .field("description", "Voor de zaak")
                .field("entity_type", "case")
                .field("entity_id", kase.toString());
        Api.Response posted = session.send(HttpRequest.newBuilder(URI.create(
                        api.base() + "/documents?_csrf=" + action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        assertThat(posted.status()).as(posted.body()).isEqualTo(302);
        String location = posted.header("Location");
        assertThat(location).matches(".*/documents/[0-9a-f-]{36}");

        String page =
                session.get(location.substring(location.indexOf("/documents/"))).body();
        assertThat(page)
                .contains(title)
                .contains("agenda.png")
                .contains("id=\"preview-image\"")
                .contains("disposition=inline")
                .contains("Het document is geüpload.")
                .contains("href=\"/cases/" + kase + "\"");

        String fragment =
                session.htmx("/documents/fragments/by-entity/case/" + kase).body();
        assertThat(fragment).contains(title).contains("/documents/new?entity_type=case&amp;entity_id=" + kase);
        assertThat(session.get("/cases/" + kase).body())
                .contains("data-hx-get=\"/documents/fragments/by-entity/case/" + kase + "\"");
        assertThat(session.get("/documents?q=" + title.replace(' ', '+')).body())
                .contains(title);
    }

    @Test
    void anUploadWithoutTheTokenIsRefused() {
        PageSession session = PageSession.signIn(api.base(), secretary);
        Uploads.Body body = Uploads.body(unique("Zonder token"), "a.pdf", "application/pdf", Samples.pdf());
        Api.Response posted = session.send(HttpRequest.newBuilder(URI.create(api.base() + "/documents"))
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
        assertThat(posted.status()).isEqualTo(403);
        assertThat(documentsTitled(body.fields.get("title"))).isZero();
    }

    @Test
    void linkingAnExistingDocumentFromACasePageAndDeactivatingIt() {
        UUID guest = guest(secretary);
        String title = unique("Cv van de gast");
        UUID document = uploadPdf(secretary, title);
        PageSession session = PageSession.signIn(api.base(), secretary);
        String fragment =
                session.htmx("/documents/fragments/by-entity/guest/" + guest).body();
        assertThat(fragment).contains("value=\"" + document + "\"");
        Api.Response linked = session.post(
                "/documents/link-existing",
                Map.of("document_id", document.toString(), "entity_type", "guest", "entity_id", guest.toString()));
        assertThat(linked.status()).isEqualTo(302);
        assertThat(linked.header("Location")).endsWith("/guests/" + guest);
        assertThat(session.htmx("/documents/fragments/by-entity/guest/" + guest).body())
                .contains("href=\"/documents/" + document + "\"");

        Api.Response deactivated =
                session.post("/documents/" + document + "/deactivate", Map.of("reason", "Verouderd"));
        assertThat(deactivated.status()).isEqualTo(302);
        assertThat(session.get("/documents/" + document).body()).contains("id=\"document-inactive\"");
        assertThat(session.htmx("/documents/fragments/by-entity/guest/" + guest).body())
                .doesNotContain("href=\"/documents/" + document + "\"");
    }

    @Test
    void aSecretaryGets404ForTheVpsDocumentPagesAndTheAdministrator403() {
        UUID document = uploadPdf(vp, unique("Alleen de VP"));
        PageSession secretarySession = PageSession.signIn(api.base(), secretary);
        assertThat(secretarySession.get("/documents/" + document).status()).isEqualTo(404);
        assertThat(secretarySession.get("/documents/" + document + "/content").status())
                .isEqualTo(404);
        assertThat(PageSession.signIn(api.base(), vp)
                        .get("/documents/" + document)
                        .status())
                .isEqualTo(200);
        assertThat(PageSession.signIn(api.base(), admin).get("/documents").status())
                .isEqualTo(403);
    }
}
