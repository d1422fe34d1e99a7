package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.TestAccounts.Account;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the document tests share: accounts, uploads over HTTP, and looks into the store and the tables. */
abstract class DocumentTestBase extends IntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    Account secretary;
    Account vp;
    Account admin;
    Uploads uploads;

    @BeforeEach
    void documentFixtures() {
        secretary = accounts.create(Role.SECRETARY);
        vp = accounts.create(Role.VP);
        admin = accounts.create(Role.ADMIN);
        uploads = new Uploads("http://localhost:" + port);
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Uploads and expects 201; returns the document. */
    JsonNode upload(Account as, String title, String fileName, byte[] content) {
        HttpResponse<String> response = uploads.upload(as, Uploads.body(title, fileName, "application/pdf", content));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    UUID uploadPdf(Account as, String title) {
        return UUID.fromString(
                upload(as, title, "stuk.pdf", Samples.pdf()).get("id").asString());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    Path store() {
        return sharedDataDir().resolve("documents");
    }

    /** Every content file in the store. */
    List<Path> storedFiles() {
        Path contents = store().resolve("sha256");
        if (!Files.isDirectory(contents)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(contents)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Path> temporaryFiles() {
        try (Stream<Path> files = Files.list(store().resolve(".tmp"))) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path contentFile(String sha256) {
        return store().resolve(ContentAddress.of(sha256));
    }

    long documentsTitled(String title) {
        return owner().sql("SELECT count(*) FROM documents WHERE title = :t")
                .param("t", title)
                .query(Long.class)
                .single();
    }

    long events(String type, UUID documentId) {
        return owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = :t AND entity_type = 'document'"
                        + " AND entity_id = :id")
                .param("t", type)
                .param("id", documentId)
                .query(Long.class)
                .single();
    }

    /** The details of the latest event of a type about a document. */
    JsonNode lastEvent(String type, UUID documentId) {
        String details = owner().sql("SELECT details::text FROM audit_logs WHERE event_type = :t"
                        + " AND entity_type = 'document' AND entity_id = :id ORDER BY seq DESC LIMIT 1")
                .param("t", type)
                .param("id", documentId)
                .query(String.class)
                .single();
        return JSON.readTree(details);
    }

    UUID guest(Account as) {
        Api.Response r = api.post("/api/v1/guests", as, Map.of("full_name", unique("Gast")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return UUID.fromString(r.json().get("id").asString());
    }

    UUID caseOf(Account as) {
        Api.Response r = api.post("/api/v1/cases", as, Map.of("title", unique("Zaak")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return UUID.fromString(r.json().get("id").asString());
    }

    UUID appointment(UUID guest) {
        return owner().sql("""
                        INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status)
                        VALUES (:g, :s, now() + interval '3 days', now() + interval '3 days 1 hour', 'requested')
                        RETURNING id""")
                .param("g", guest)
                .param("s", unique("Afspraak"))
                .query(UUID.class)
                .single();
    }
}
