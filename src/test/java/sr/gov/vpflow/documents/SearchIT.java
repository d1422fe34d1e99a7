package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;
import sr.gov.vpflow.support.TextSamples;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.JsonNode;

/**
 * Full-text search (v1.3) over the real API and pages: the words of each kind of document the
 * office keeps, Dutch and English stemming and accents, snippets, the other records of the office,
 * and row-level security: a secretary never finds a word of a `vp` document, by any path.
 */
class SearchIT extends DocumentTestBase {

    @Autowired
    DocumentIndexer indexer;

    @Autowired
    TextExtractor extractor;

    /** A word that no other document holds: letters only, so that no stemmer changes it. */
    static String token() {
        StringBuilder word = new StringBuilder("zq");
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < 10; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    UUID uploadAs(Account as, String fileName, byte[] content) {
        HttpResponse<String> response =
                uploads.upload(as, Uploads.body(unique("Stuk"), fileName, "application/octet-stream", content));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return UUID.fromString(json(response).get("id").asString());
    }

    JsonNode search(Account as, String q) {
        Api.Response response = api.get(
                "/api/v1/search?q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8), as);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    static List<String> ids(JsonNode results, String kind) {
        List<String> ids = new ArrayList<>();
        results.get(kind).forEach(h -> ids.add(h.get("id").asString()));
        return ids;
    }

    void indexAll() {
        indexer.indexPending(10_000);
    }

    String textState(UUID id) {
        return owner().sql("SELECT state || coalesce(': ' || note, '') FROM document_texts WHERE document_id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    @Test
    void theWordsOfEveryKindOfDocumentAreFoundAfterTheIndexerReadThem() {
        Map<String, byte[]> kinds = new java.util.LinkedHashMap<>();
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        for (String kind : List.of("pdf", "docx", "xlsx", "pptx", "odt", "eml", "txt")) {
            String token = token();
            tokens.put(kind, token);
            String text = "Verslag over de begroting " + token + " van het ministerie";
            kinds.put(
                    kind,
                    switch (kind) {
                        case "pdf" -> TextSamples.pdf(text);
                        case "docx" -> TextSamples.docx(text);
                        case "xlsx" -> TextSamples.xlsx(text);
                        case "pptx" -> TextSamples.pptx(text);
                        case "odt" -> TextSamples.odt(text);
                        case "eml" -> TextSamples.eml(text);
                        default -> TextSamples.txt(text);
                    });
        }
        Map<String, UUID> ids = new java.util.LinkedHashMap<>();
        kinds.forEach((kind, bytes) -> ids.put(kind, uploadAs(secretary, "stuk." + kind, bytes)));
        // before the indexer read them, their words are not found (their titles are)
        assertThat(ids(search(secretary, tokens.get("pdf")), "documents")).isEmpty();
        assertThat(textState(ids.get("pdf"))).isEqualTo("pending");

        indexAll();

        ids.forEach((kind, id) -> {
            assertThat(textState(id)).as(kind).isEqualTo("indexed");
            JsonNode found = search(secretary, tokens.get(kind));
            assertThat(ids(found, "documents")).as(kind).containsExactly(id.toString());
            JsonNode hit = found.get("documents").get(0);
            assertThat(hit.get("href").asString()).isEqualTo("/documents/" + id);
            assertThat(hit.get("snippet_html").asString()).as(kind).contains("<mark>" + tokens.get(kind) + "</mark>");
            assertThat(found.get("full_text").asBoolean()).isTrue();
        });
    }

    @Test
    void dutchAndEnglishWordsAreFoundByTheirStemsAndWithoutAccents() {
        String token = token();
        UUID id = uploadAs(
                vp,
                "notulen.txt",
                TextSamples.txt("Notulen " + token + ". De begrotingen werden besproken tijdens het overlég met de"
                        + " districtscommissarissen.\nThe ministers approved the budgets for the coming years."));
        indexAll();
        for (String q : List.of(
                token,
                token + " begroting", // Dutch plural by its stem
                token + " overleg", // without the accent
                token + " OVERLÉG",
                token + " budget", // English plural by its stem
                token + " approving minister",
                "\"" + token + " de begrotingen\"")) {
            assertThat(ids(search(vp, q), "documents")).as(q).containsExactly(id.toString());
        }
        for (String q : List.of(token + " vergadering", token + " -budgets", "\"begrotingen " + token + "\"")) {
            assertThat(ids(search(vp, q), "documents")).as(q).isEmpty();
        }
        String snippet = search(vp, token + " begroting")
                .get("documents")
                .get(0)
                .get("snippet_html")
                .asString();
        assertThat(snippet).contains("<mark>begrotingen</mark>", "<mark>" + token + "</mark>");
    }

    @Test
    void aSecretaryNeverFindsAWordOfAVpDocumentByAnyPath() {
        String token = token();
        UUID vpDocument = uploadAs(vp, "geheim.txt", TextSamples.txt("Vertrouwelijk advies " + token));
        UUID ownDocument = uploadAs(secretary, "open.txt", TextSamples.txt("Openbaar bericht " + token));
        indexAll();
        assertThat(ids(search(vp, token), "documents"))
                .containsExactlyInAnyOrder(vpDocument.toString(), ownDocument.toString());
        assertThat(ids(search(secretary, token), "documents")).containsExactly(ownDocument.toString());
        assertThat(ids(search(secretary, "vertrouwelijk advies"), "documents")).doesNotContain(vpDocument.toString());

        // the application's login with her token: the text, the title and the search column of the
        // VP's document are not there for her, and she cannot write any text
        accounts.as(
                secretary,
                () -> tx.execute(s -> {
                    assertThat(jdbc.sql("SELECT count(*) FROM document_texts WHERE content LIKE :w OR title LIKE :w")
                                    .param("w", "%" + token + "%")
                                    .query(Long.class)
                                    .single())
                            .isEqualTo(1);
                    assertThat(jdbc.sql("SELECT count(*) FROM document_texts WHERE document_id = :id")
                                    .param("id", vpDocument)
                                    .query(Long.class)
                                    .single())
                            .isZero();
                    assertThat(jdbc.sql("SELECT count(*) FROM document_texts"
                                            + " WHERE search @@ websearch_to_tsquery('vpflow.search_nl', :w)")
                                    .param("w", token)
                                    .query(Long.class)
                                    .single())
                            .isEqualTo(1);
                    assertThat(jdbc.sql("UPDATE document_texts SET content = 'vervalst', state = 'indexed'"
                                            + " WHERE document_id IN (:a, :b)")
                                    .param("a", vpDocument)
                                    .param("b", ownDocument)
                                    .update())
                            .isZero();
                    return null;
                }));
        accounts.as(
                vp,
                () -> tx.execute(s -> {
                    // not even the Vice President writes a text: only the indexer's operator token does
                    assertThat(jdbc.sql("UPDATE document_texts SET content = 'vervalst' WHERE document_id = :id")
                                    .param("id", vpDocument)
                                    .update())
                            .isZero();
                    return null;
                }));
        assertThatThrownBy(() -> accounts.as(
                        secretary,
                        () -> tx.execute(s -> jdbc.sql("UPDATE document_texts SET title = 'x' WHERE document_id = :id")
                                .param("id", ownDocument)
                                .update())))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(
                                ((DataAccessException) e).getMostSpecificCause().getMessage())
                        .contains("permission denied"));
        assertThat(textState(vpDocument)).isEqualTo("indexed");
        assertThat(owner().sql("SELECT content FROM document_texts WHERE document_id = :id")
                        .param("id", ownDocument)
                        .query(String.class)
                        .single())
                .contains(token);
    }

    @Test
    void aWordInMoreThanTwoHundredDocumentsIsRankedAmongTheFirstTwoHundredAndSaysSo() {
        String token = token();
        for (int i = 0; i < 201; i++) {
            uploadAs(secretary, "rondschrijven.txt", TextSamples.txt("Rondschrijven " + i + " over " + token));
        }
        indexAll();
        JsonNode found = search(secretary, token);
        assertThat(found.get("documents")).hasSize(10);
        assertThat(found.get("documents_more").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/search?limit=50&q=" + token, secretary)
                        .json()
                        .get("documents"))
                .hasSize(50);
        JsonNode narrowed = search(secretary, token + " 17");
        assertThat(narrowed.get("documents_more").asBoolean()).isFalse();
        assertThat(narrowed.get("documents").get(0).get("snippet_html").asString())
                .contains("<mark>17</mark>");
        String page = PageSession.signIn(api.base(), secretary)
                .get("/search?q=" + token)
                .body();
        assertThat(page).contains("id=\"search-more\"");
    }

    @Test
    void aSecretarysSearchNeverReadsTheIndexOfTheVicePresidentsDocuments() {
        String token = token();
        uploadAs(vp, "geheim.txt", TextSamples.txt("Vertrouwelijk " + token));
        uploadAs(secretary, "open.txt", TextSamples.txt("Openbaar " + token));
        indexAll();
        String body = owner().sql("SELECT prosrc FROM pg_proc WHERE proname = 'search_documents'")
                .query(String.class)
                .single();
        for (String role : List.of("secretary", "vp")) {
            // as on an office's database, where the index is cheaper than reading the table
            String plan = explain(
                    "SET enable_seqscan = off; SET enable_indexscan = off",
                    "EXPLAIN (ANALYZE, COSTS OFF) "
                            + body.replace("p_query", "'" + token + "'")
                                    .replace("p_limit", "10")
                                    .replace("current_app_role()", "'" + role + "'::text"));
            // the branch of the other role does not run; a secretary's runs on the secretaries' index alone
            assertThat(plan).contains("on document_texts_search_idx", "on document_texts_secretary_search_idx");
            String all = plan.substring(plan.indexOf("on document_texts_search_idx"));
            String secretaries = plan.substring(plan.indexOf("on document_texts_secretary_search_idx"));
            if (role.equals("secretary")) {
                assertThat(all.lines().findFirst().orElseThrow()).as(plan).contains("never executed");
                assertThat(secretaries.lines().findFirst().orElseThrow())
                        .as(plan)
                        .doesNotContain("never executed");
            } else {
                assertThat(all.lines().findFirst().orElseThrow()).as(plan).doesNotContain("never executed");
                assertThat(secretaries.lines().findFirst().orElseThrow())
                        .as(plan)
                        .contains("never executed");
            }
        }
    }

    /** The plan of a statement as the owner, after a setting of the session. */
    private String explain(String setting, String statement) {
        try (java.sql.Connection c = ownerDatabase.dataSource().getConnection();
                java.sql.Statement st = c.createStatement()) {
            st.execute(setting);
            List<String> lines = new ArrayList<>();
            try (java.sql.ResultSet rs = st.executeQuery(statement)) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return String.join("\n", lines);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReaderThatDiedLeavesTheDocumentToBeReadAgainAndOneThatNeverEndsIsGivenUp() {
        UUID died = uploadAs(secretary, "a.txt", TextSamples.txt("Eerste " + token()));
        UUID endless = uploadAs(secretary, "b.txt", TextSamples.txt("Tweede " + token()));
        // as a lease leaves a document when the server reading it dies: counted, its next turn ahead
        owner().sql("UPDATE document_texts SET attempts = 1, next_attempt_at = now() + interval '30 minutes'"
                        + " WHERE document_id = :id")
                .param("id", died)
                .update();
        owner().sql("UPDATE document_texts SET attempts = :n WHERE document_id = :id")
                .param("n", DocumentIndexer.MAX_ATTEMPTS)
                .param("id", endless)
                .update();
        indexAll();
        assertThat(textState(died)).isEqualTo("pending");
        assertThat(textState(endless)).isEqualTo("failed: given up after 12 tries without an outcome");
        owner().sql("UPDATE document_texts SET next_attempt_at = now() WHERE document_id = :id")
                .param("id", died)
                .update();
        indexAll();
        assertThat(textState(died)).isEqualTo("indexed");
        assertThat(owner().sql("SELECT attempts FROM document_texts WHERE document_id = :id")
                        .param("id", died)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aTextOfTooManyDifferentWordsForTheSearchColumnIsKeptShorter() {
        java.util.Random random = new java.util.Random(7);
        StringBuilder text = new StringBuilder();
        String token = token();
        text.append(token).append(' ');
        while (text.length() < 290_000) {
            for (int w = 0; w < 2; w++) {
                for (int i = 0; i < 7; i++) {
                    text.append((char) ('а' + random.nextInt(32)));
                }
                text.append(w == 0 ? '-' : ' ');
            }
        }
        UUID id = uploadAs(secretary, "woorden.txt", TextSamples.txt(text.toString()));
        indexAll();
        assertThat(textState(id)).startsWith("indexed: only the first ").endsWith("(too many different words)");
        assertThat(ids(search(secretary, token), "documents")).containsExactly(id.toString());
    }

    @Test
    void guestsAppointmentsAndCasesAreFoundToo() {
        String token = token();
        JsonNode guest = api.post(
                        "/api/v1/guests",
                        secretary,
                        Map.of("full_name", "Séwdien " + token, "organisation", "Ministerie van Financiën"))
                .json();
        String guestId = guest.get("id").asString();
        sr.gov.vpflow.appointments.Slots.Slot slot = sr.gov.vpflow.appointments.Slots.future();
        Api.Response appointment = api.post(
                "/api/v1/appointments",
                secretary,
                Map.of(
                        "guest_id",
                        guestId,
                        "subject",
                        "Gesprek over de begroting " + token,
                        "starts_at",
                        slot.start().toString(),
                        "ends_at",
                        slot.end().toString()));
        assertThat(appointment.status()).as(appointment.body()).isEqualTo(201);
        Api.Response kase =
                api.post("/api/v1/cases", secretary, Map.of("title", "Subsidieaanvraag " + token, "guest_id", guestId));
        assertThat(kase.status()).as(kase.body()).isEqualTo(201);

        JsonNode found = search(secretary, "sewdien " + token);
        assertThat(ids(found, "guests")).containsExactly(guestId);
        assertThat(found.get("guests").get(0).get("href").asString()).isEqualTo("/guests/" + guestId);
        assertThat(ids(search(secretary, token.toUpperCase(Locale.ROOT) + " BEGROTING"), "appointments"))
                .containsExactly(appointment.json().get("id").asString());
        // a character that loses its accent into a LIKE wildcard ("＿" becomes "_") stays a character
        JsonNode wild = search(secretary, "＿＿＿＿＿ ％");
        assertThat(ids(wild, "guests")).isEmpty();
        assertThat(ids(wild, "appointments")).isEmpty();
        JsonNode cases = search(vp, "subsidieaanvraag " + token);
        assertThat(ids(cases, "cases")).containsExactly(kase.json().get("id").asString());
        assertThat(cases.get("cases").get(0).get("detail").asString())
                .startsWith(kase.json().get("reference").asString());
    }

    @Test
    void aBadQueryIsRefusedAndTheAdministratorFindsNothingOfTheOffice() {
        for (String q : List.of("", "%20%20", "x".repeat(201))) {
            Api.Response refused = api.get("/api/v1/search?q=" + q, secretary);
            assertThat(refused.status()).as(q).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).isEqualTo("invalid_parameter");
        }
        assertThat(api.get("/api/v1/search", secretary).json().get("code").asString())
                .isEqualTo("invalid_parameter");
        for (String limit : List.of("0", "51")) {
            Api.Response refused = api.get("/api/v1/search?q=brief&limit=" + limit, secretary);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("code").asString()).isEqualTo("invalid_limit");
        }
        // words the search syntax does not know are words, not errors
        assertThat(api.get(
                                "/api/v1/search?q="
                                        + java.net.URLEncoder.encode(
                                                "\"open & (dicht | !x) :*", java.nio.charset.StandardCharsets.UTF_8),
                                secretary)
                        .status())
                .isEqualTo(200);
        Api.Response admin = api.get("/api/v1/search?q=brief", this.admin);
        assertThat(admin.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/search?q=brief").status()).isEqualTo(401);
    }

    @Test
    void thePageShowsEachHitWithItsWordsMarkedAndTheTextEscaped() {
        String token = token();
        UUID id = uploadAs(
                secretary,
                "brief.txt",
                TextSamples.txt("<script>alert('x')</script> Geachte heer, " + token + " & co. <b>vet</b>"));
        indexAll();
        PageSession session = PageSession.signIn(api.base(), secretary);
        String page = session.get("/search?q=" + token).body();
        assertThat(page)
                .contains("href=\"/documents/" + id + "\"")
                .contains("<mark>" + token + "</mark>")
                .doesNotContain("<script>alert")
                .doesNotContain("<b>vet</b>")
                .contains("id=\"header-search-q\"");
        String none = session.get("/search?q=" + token()).body();
        assertThat(none).contains("role=\"status\"");
    }

    @Test
    void aScanIsReadByOcrWhenTesseractIsThereAndSaysSoWhenNot() {
        String word = "Begroting";
        UUID image = uploadAs(secretary, "scan.png", TextSamples.png(word + " Landbouw Suriname 2027"));
        UUID scannedPdf = uploadAs(secretary, "scan.pdf", TextSamples.scannedPdf("Ontvangstbevestiging Paramaribo"));
        indexAll();
        if (extractor.ocr()) {
            assertThat(textState(image)).isEqualTo("indexed");
            assertThat(textState(scannedPdf)).isEqualTo("indexed");
            assertThat(owner().sql("SELECT content FROM document_texts WHERE document_id = :id")
                            .param("id", image)
                            .query(String.class)
                            .single())
                    .containsIgnoringCase("landbouw");
            assertThat(ids(search(secretary, "landbouw suriname"), "documents")).contains(image.toString());
            assertThat(ids(search(secretary, "ontvangstbevestiging"), "documents"))
                    .contains(scannedPdf.toString());
        } else {
            assertThat(textState(image)).isEqualTo("empty: " + TextExtractor.NOTE_NO_OCR);
            assertThat(textState(scannedPdf)).isEqualTo("empty: " + TextExtractor.NOTE_NO_OCR);
        }
    }

    @Test
    void aDocumentTheParserRefusesIsMarkedFailedAndReadAgainWhenAsked() {
        byte[] broken = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\nxref\nzzz\n%%EOF\n"
                .replace("zzz", token())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        UUID id = uploadAs(secretary, "kapot.pdf", broken);
        String token = token();
        UUID good = uploadAs(secretary, "goed.txt", TextSamples.txt("Goed " + token));
        DocumentIndexer.Run run = indexer.indexPending(10_000);
        assertThat(run.failed() + run.empty()).isPositive();
        assertThat(textState(id)).matches("(failed|empty): .+");
        assertThat(textState(good)).isEqualTo("indexed");
        assertThat(indexer.again(false)).isPositive();
        assertThat(textState(id)).isEqualTo("pending");
        assertThat(textState(good)).isEqualTo("indexed");
        indexAll();
        assertThat(textState(id)).matches("(failed|empty): .+");
    }
}
