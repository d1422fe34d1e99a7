package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.JsonNode;

/** Links between documents and guests, appointments and cases. */
class DocumentLinksIT extends DocumentTestBase {

    private Api.Response link(UUID document, String type, Object entity) {
        return api.post(
                "/api/v1/documents/" + document + "/links",
                secretary,
                entity == null ? Map.of("entity_type", type) : Map.of("entity_type", type, "entity_id", entity));
    }

    @Test
    void aDocumentIsLinkedToAGuestAnAppointmentACaseOrNothingOnce() {
        UUID guest = guest(secretary);
        UUID appointment = appointment(guest);
        UUID kase = caseOf(secretary);
        UUID document = uploadPdf(secretary, unique("Dossierstuk"));

        Api.Response toGuest = link(document, "guest", guest);
        assertThat(toGuest.status()).as(toGuest.body()).isEqualTo(201);
        assertThat(toGuest.json().get("entity_type").asString()).isEqualTo("guest");
        assertThat(toGuest.json().get("entity_id").asString()).isEqualTo(guest.toString());
        assertThat(toGuest.json().get("linked_by").asString())
                .isEqualTo(secretary.id().toString());
        assertThat(link(document, "appointment", appointment).status()).isEqualTo(201);
        assertThat(link(document, "case", kase).status()).isEqualTo(201);
        assertThat(link(document, "none", null).status()).isEqualTo(201);

        Api.Response twice = link(document, "case", kase);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().get("code").asString()).isEqualTo("link_exists");
        assertThat(link(document, "none", null).status()).isEqualTo(409);

        JsonNode links =
                api.get("/api/v1/documents/" + document + "/links", vp).json().get("items");
        assertThat(links.findValuesAsString("entity_type")).containsExactly("guest", "appointment", "case", "none");
        assertThat(links.get(2).get("label").asString()).startsWith("VP-");
        assertThat(events("document_linked", document)).isEqualTo(4);

        // each record lists its documents
        for (String query : new String[] {
            "entity_type=guest&entity_id=" + guest,
            "entity_type=appointment&entity_id=" + appointment,
            "entity_type=case&entity_id=" + kase
        }) {
            assertThat(api.get("/api/v1/documents?" + query, secretary)
                            .json()
                            .get("items")
                            .findValuesAsString("id"))
                    .as(query)
                    .containsExactly(document.toString());
        }
    }

    @Test
    void aLinkToARecordThatIsMissingOrInvisibleIs404AndWritesNothing() {
        UUID document = uploadPdf(secretary, unique("Los"));
        for (String type : new String[] {"guest", "appointment", "case"}) {
            Api.Response r = link(document, type, UUID.randomUUID());
            assertThat(r.status()).as(type).isEqualTo(404);
            assertThat(r.json().get("code").asString()).isEqualTo("entity_not_found");
        }
        // a secretary cannot link a `vp` document to anything: for her it does not exist
        UUID vpDocument = uploadPdf(vp, unique("Van de VP"));
        Api.Response invisible = link(vpDocument, "case", caseOf(secretary));
        assertThat(invisible.status()).isEqualTo(404);
        assertThat(invisible.json().get("code").asString()).isEqualTo("not_found");
        // and linking at upload time to a missing record stores nothing
        String title = unique("Met koppeling");
        int stored = storedFiles().size();
        HttpResponse<String> upload = uploads.upload(
                secretary,
                Uploads.body(title, "k.pdf", "application/pdf", Samples.pdf())
                        .field("entity_type", "case")
                        .field("entity_id", UUID.randomUUID().toString()));
        assertThat(upload.statusCode()).isEqualTo(404);
        assertThat(documentsTitled(title)).isZero();
        assertThat(storedFiles()).hasSize(stored);
        assertThat(link(document, "case", "geen-id").status()).isEqualTo(400);
        assertThat(link(document, "none", UUID.randomUUID()).status()).isEqualTo(400);
        assertThat(events("document_linked", document)).isZero();
        assertThat(owner().sql("SELECT count(*) FROM document_links WHERE document_id IN (:a, :b)")
                        .param("a", document)
                        .param("b", vpDocument)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aDocumentUploadedWithALinkIsLinkedInTheSameStep() {
        UUID kase = caseOf(secretary);
        HttpResponse<String> upload = uploads.upload(
                secretary,
                Uploads.body(unique("Bij de zaak"), "z.pdf", "application/pdf", Samples.pdf())
                        .field("entity_type", "case")
                        .field("entity_id", kase.toString()));
        assertThat(upload.statusCode()).isEqualTo(201);
        UUID document = UUID.fromString(json(upload).get("id").asString());
        assertThat(api.get("/api/v1/documents?entity_type=case&entity_id=" + kase, secretary)
                        .json()
                        .get("items")
                        .findValuesAsString("id"))
                .containsExactly(document.toString());
        assertThat(events("document_uploaded", document)).isEqualTo(1);
        assertThat(events("document_linked", document)).isEqualTo(1);
    }

    @Test
    void aSecretaryNeverSeesTheLinksOfAVpDocument() {
        UUID kase = caseOf(secretary);
        UUID vpDocument = uploadPdf(vp, unique("Geheim"));
        assertThat(api.post(
                                "/api/v1/documents/" + vpDocument + "/links",
                                vp,
                                Map.of("entity_type", "case", "entity_id", kase))
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/documents?entity_type=case&entity_id=" + kase, secretary)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(api.get("/api/v1/documents?entity_type=case&entity_id=" + kase, vp)
                        .json()
                        .get("items"))
                .hasSize(1);
    }
}
