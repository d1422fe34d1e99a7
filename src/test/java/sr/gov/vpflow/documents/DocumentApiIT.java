package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.JsonNode;

/** Uploading, reading, listing, searching and deactivating documents through the API, as each role. */
class DocumentApiIT extends DocumentTestBase {

    @Test
    void aSecretaryUploadsADocumentThatIsStoredByItsHashAndAudited() throws Exception {
        byte[] pdf = Samples.pdf();
        String title = unique("Uitnodiging");
        HttpResponse<String> response = uploads.upload(
                secretary,
                Uploads.body(title, "Uitnodiging ministerie.pdf", "application/octet-stream", pdf)
                        .field("description", "Brief van het ministerie"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode d = json(response);
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/api/v1/documents/" + d.get("id").asString());
        assertThat(d.get("title").asString()).isEqualTo(title);
        assertThat(d.get("description").asString()).isEqualTo("Brief van het ministerie");
        assertThat(d.get("file_type").asString()).isEqualTo("application/pdf");
        assertThat(d.get("file_size").asLong()).isEqualTo(pdf.length);
        assertThat(d.get("file_name").asString()).isEqualTo("Uitnodiging ministerie.pdf");
        assertThat(d.get("sha256").asString()).isEqualTo(sha256);
        assertThat(d.get("owner_role").asString()).isEqualTo("secretary");
        assertThat(d.get("created_by").asString()).isEqualTo(secretary.id().toString());
        assertThat(d.get("is_active").asBoolean()).isTrue();

        UUID id = UUID.fromString(d.get("id").asString());
        Map<String, Object> row = owner().sql(
                        "SELECT file_path, file_type, file_size, owner_role::text AS owner_role, created_by FROM documents WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(row.get("file_path"))
                .isEqualTo("sha256/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256);
        assertThat(row.get("owner_role")).isEqualTo("secretary");
        assertThat(row.get("created_by")).isEqualTo(secretary.id());
        assertThat(Files.readAllBytes(contentFile(sha256))).isEqualTo(pdf);
        assertThat(events("document_uploaded", id)).isEqualTo(1);
        JsonNode event = lastEvent("document_uploaded", id);
        assertThat(event.get("file_name").asString()).isEqualTo("Uitnodiging ministerie.pdf");
        assertThat(event.get("sha256").asString()).isEqualTo(sha256);
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void theSameContentUploadedTwiceIsStoredOnce() {
        byte[] pdf = Samples.pdf();
        int before = storedFiles().size();
        JsonNode first = upload(secretary, unique("Eerste"), "a.pdf", pdf);
        JsonNode second = upload(vp, unique("Tweede"), "b.pdf", pdf);
        assertThat(first.get("id")).isNotEqualTo(second.get("id"));
        assertThat(first.get("sha256")).isEqualTo(second.get("sha256"));
        assertThat(storedFiles()).hasSize(before + 1);
    }

    @Test
    void officeFormatsAreToldByTheirContent() {
        Map<String, byte[]> files = Map.of(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Samples.docx(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Samples.xlsx(),
                "application/vnd.openxmlformats-officedocument.presentationml.presentation", Samples.pptx(),
                "application/vnd.oasis.opendocument.text", Samples.odt(),
                "image/png", Samples.png(),
                "text/plain", Samples.text(),
                "message/rfc822", Samples.eml());
        files.forEach((type, content) -> {
            // the client's name and type say nothing true: the content decides
            JsonNode d = upload(secretary, unique("Stuk"), "bestand.bin", content);
            assertThat(d.get("file_type").asString()).as(type).isEqualTo(type);
        });
    }

    @Test
    void aVpDocumentDoesNotExistForASecretary() {
        String title = unique("Vertrouwelijk");
        UUID id = uploadPdf(vp, title);
        assertThat(api.get("/api/v1/documents/" + id, vp).status()).isEqualTo(200);
        for (String path : List.of("", "/links", "/history", "/content", "/content?disposition=inline")) {
            Api.Response r = api.get("/api/v1/documents/" + id + path, secretary);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.json().get("code").asString()).isEqualTo("not_found");
        }
        assertThat(api.post("/api/v1/documents/" + id + "/deactivate", secretary, Map.of("reason", "weg"))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/documents/" + id + "/links", secretary, Map.of("entity_type", "none"))
                        .status())
                .isEqualTo(404);
        String q = "/api/v1/documents?q=" + title.replace(' ', '+');
        assertThat(api.get(q, secretary).json().get("items")).isEmpty();
        assertThat(api.get(q, vp).json().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/documents?limit=200", secretary).body()).doesNotContain(id.toString());
        // nor its events in the audit log
        assertThat(api.get("/api/v1/audit?entity_type=document&entity_id=" + id, secretary)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(events("document_viewed", id) + events("document_downloaded", id))
                .isZero();
    }

    @Test
    void theAdministratorSeesNoDocuments() {
        UUID id = uploadPdf(secretary, unique("Notitie"));
        assertThat(api.get("/api/v1/documents", admin).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/documents/" + id, admin).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/documents/" + id + "/content", admin).status())
                .isEqualTo(403);
        HttpResponse<String> upload =
                uploads.upload(admin, Uploads.body("x", "x.pdf", "application/pdf", Samples.pdf()));
        assertThat(upload.statusCode()).isEqualTo(403);
    }

    @Test
    void documentsAreFoundByTitleAndDescriptionWithoutRegardToAccents() {
        String word = "Begroting" + UUID.randomUUID().toString().substring(0, 6);
        UUID byTitle = uploadPdf(secretary, "Ontwerp " + word + " 2027");
        HttpResponse<String> response = uploads.upload(
                secretary,
                Uploads.body(unique("Notulen"), "n.pdf", "application/pdf", Samples.pdf())
                        .field("description", "Over de " + word.toLowerCase() + " van het kabinét"));
        UUID byDescription = UUID.fromString(json(response).get("id").asString());
        JsonNode items = api.get("/api/v1/documents?q=" + word.toUpperCase(), secretary)
                .json()
                .get("items");
        assertThat(items.findValuesAsString("id"))
                .containsExactlyInAnyOrder(byTitle.toString(), byDescription.toString());
        assertThat(api.get("/api/v1/documents?q=kabinet+" + word, secretary)
                        .json()
                        .get("items"))
                .isEmpty(); // the words are one search text, not a set
        assertThat(api.get("/api/v1/documents?q=kabinet", secretary)
                        .json()
                        .get("items")
                        .findValuesAsString("id"))
                .contains(byDescription.toString());
    }

    @Test
    void deactivationKeepsTheDocumentHidesItFromListsAndHappensOnce() {
        String title = unique("Concept");
        UUID id = uploadPdf(secretary, title);
        String path = "/api/v1/documents/" + id + "/deactivate";
        Api.Response noReason = api.post(path, secretary, Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("code").asString()).isEqualTo("reason_required");

        Api.Response done = api.post(path, secretary, Map.of("reason", "Vervangen door een nieuwe versie"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("is_active").asBoolean()).isFalse();
        Api.Response again = api.post(path, vp, Map.of("reason", "nog eens"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("already_deactivated");
        assertThat(events("document_deactivated", id)).isEqualTo(1);
        assertThat(lastEvent("document_deactivated", id).get("reason").asString())
                .isEqualTo("Vervangen door een nieuwe versie");

        String q = "/api/v1/documents?q=" + title.replace(' ', '+');
        assertThat(api.get(q, vp).json().get("items")).isEmpty();
        assertThat(api.get(q + "&include_inactive=true", vp).json().get("items"))
                .hasSize(1);
        // still there for the Vice President, with its history, content and all
        assertThat(api.get("/api/v1/documents/" + id, vp).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/documents/" + id + "/history", vp)
                        .json()
                        .get("items")
                        .findValuesAsString("event_type"))
                .containsExactly("document_uploaded", "document_deactivated");
        assertThat(uploads.content(vp, id, null).statusCode()).isEqualTo(200);
        // and it can no longer be linked
        Api.Response link = api.post("/api/v1/documents/" + id + "/links", secretary, Map.of("entity_type", "none"));
        assertThat(link.status()).isEqualTo(409);
        assertThat(link.json().get("code").asString()).isEqualTo("document_deactivated");
    }

    @Test
    void theDatabaseRefusesEveryOtherChangeOfADocument() {
        UUID id = uploadPdf(vp, unique("Onveranderlijk"));
        for (String change : List.of(
                "title = 'anders'",
                "description = 'anders'",
                "file_path = 'sha256/00/00/" + "0".repeat(64) + "'",
                "file_type = 'text/plain'",
                "file_size = 1",
                "owner_role = 'secretary'",
                "created_at = now() - interval '1 day'")) {
            assertThat(sqlState(() -> owner().sql("UPDATE documents SET " + change + " WHERE id = :id")
                            .param("id", id)
                            .update()))
                    .as(change)
                    .isEqualTo("VPF06");
        }
        owner().sql("UPDATE documents SET is_active = false WHERE id = :id")
                .param("id", id)
                .update();
        assertThat(sqlState(() -> owner().sql("UPDATE documents SET is_active = true WHERE id = :id")
                        .param("id", id)
                        .update()))
                .isEqualTo("VPF06");
        assertThat(sqlState(() -> owner().sql("DELETE FROM documents WHERE id = :id")
                        .param("id", id)
                        .update()))
                .isEqualTo("VPF01");
    }

    private static String sqlState(Runnable statement) {
        try {
            statement.run();
            return "none";
        } catch (org.springframework.dao.DataAccessException e) {
            return e.getMostSpecificCause() instanceof java.sql.SQLException sql ? sql.getSQLState() : "?";
        }
    }
}
