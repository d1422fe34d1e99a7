package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.support.Samples;
import tools.jackson.databind.JsonNode;

/** Viewing and downloading: headers, byte ranges, one audit event per request, and content that is not what was stored. */
class DocumentContentIT extends DocumentTestBase {

    @Test
    void aDownloadIsTheContentWithItsHeadersAndOneAuditEvent() {
        byte[] pdf = Samples.pdf();
        JsonNode d = upload(secretary, unique("Brief"), "Brief aan de minister – concept “2”.pdf", pdf);
        UUID id = UUID.fromString(d.get("id").asString());
        String sha256 = d.get("sha256").asString();

        HttpResponse<byte[]> download = uploads.content(secretary, id, "disposition=attachment");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValue("Content-Length")).hasValue(String.valueOf(pdf.length));
        assertThat(download.headers().firstValue("ETag")).hasValue("\"" + sha256 + "\"");
        assertThat(download.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue(
                        "attachment; filename=\"Brief aan de minister _ concept _2_.pdf\"; "
                                + "filename*=UTF-8''Brief%20aan%20de%20minister%20%E2%80%93%20concept%20%E2%80%9C2%E2%80%9D.pdf");
        assertThat(events("document_downloaded", id)).isEqualTo(1);
        JsonNode event = lastEvent("document_downloaded", id);
        assertThat(event.get("outcome").asString()).isEqualTo("served");
        assertThat(event.get("disposition").asString()).isEqualTo("attachment");
        Long actor = owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'document_downloaded'"
                        + " AND entity_id = :id AND actor_id = :who AND occurred_at > now() - interval '1 minute'")
                .param("id", id)
                .param("who", secretary.id())
                .query(Long.class)
                .single();
        assertThat(actor).isEqualTo(1);

        HttpResponse<byte[]> view = uploads.content(vp, id, "disposition=inline");
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("inline; ");
        assertThat(events("document_viewed", id)).isEqualTo(1);
        assertThat(events("document_downloaded", id)).isEqualTo(1);
    }

    @Test
    void onlyPdfAndImagesAreShownInline() {
        UUID text = UUID.fromString(upload(secretary, unique("Tekst"), "t.txt", Samples.text())
                .get("id")
                .asString());
        HttpResponse<byte[]> r = uploads.content(secretary, text, "disposition=inline");
        assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment; ");
        assertThat(events("document_downloaded", text)).isEqualTo(1);
        assertThat(events("document_viewed", text)).isZero();
        assertThat(uploads.content(secretary, text, "disposition=show").statusCode())
                .isEqualTo(400);
    }

    @Test
    void rangesAreServedAndARangeBeyondTheEndIsRefused() {
        byte[] pdf = Samples.pdf();
        UUID id = UUID.fromString(
                upload(secretary, unique("Bijlage"), "b.pdf", pdf).get("id").asString());

        HttpResponse<byte[]> first = uploads.content(secretary, id, null, "Range", "bytes=0-9");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(pdf, 0, 10));
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-9/" + pdf.length);
        assertThat(first.headers().firstValue("Content-Length")).hasValue("10");

        HttpResponse<byte[]> last = uploads.content(secretary, id, null, "Range", "bytes=-6");
        assertThat(new String(last.body(), StandardCharsets.US_ASCII)).isEqualTo("%%EOF\n");

        HttpResponse<byte[]> two = uploads.content(secretary, id, null, "Range", "bytes=0-3, 10-13");
        assertThat(two.statusCode()).isEqualTo(206);
        String type = two.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        String body = new String(two.body(), StandardCharsets.ISO_8859_1);
        assertThat(body)
                .contains("Content-Range: bytes 0-3/" + pdf.length + "\r\n\r\n%PDF")
                .contains("Content-Range: bytes 10-13/" + pdf.length + "\r\n\r\n"
                        + new String(pdf, 10, 4, StandardCharsets.ISO_8859_1));
        assertThat(two.headers().firstValue("Content-Length")).hasValue(String.valueOf(two.body().length));

        long before = events("document_downloaded", id);
        HttpResponse<byte[]> beyond = uploads.content(secretary, id, null, "Range", "bytes=" + pdf.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + pdf.length);
        assertThat(new String(beyond.body(), StandardCharsets.UTF_8)).contains("range_not_satisfiable");
        assertThat(events("document_downloaded", id)).isEqualTo(before);

        // an If-Range naming another content gets the whole content
        HttpResponse<byte[]> stale =
                uploads.content(secretary, id, null, "Range", "bytes=0-9", "If-Range", "\"other\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(pdf);
    }

    @Test
    void overlappingRangesAreServedOnceAndTheAuditKeepsAShortDescription() {
        byte[] pdf = Samples.pdf();
        UUID id = UUID.fromString(
                upload(secretary, unique("Groot stuk"), "g.pdf", pdf).get("id").asString());

        // sixteen times the whole document: once
        HttpResponse<byte[]> many = uploads.content(secretary, id, null, "Range", "bytes=" + "0-,".repeat(15) + "0-");
        assertThat(many.statusCode()).isEqualTo(206);
        assertThat(many.body()).isEqualTo(pdf);
        assertThat(many.headers().firstValue("Content-Range"))
                .hasValue("bytes 0-" + (pdf.length - 1) + "/" + pdf.length);
        assertThat(lastEvent("document_downloaded", id).get("range").asString())
                .isEqualTo("bytes=0-" + (pdf.length - 1));

        // a header padded to kilobytes is no range request: the whole content, and no padding kept
        HttpResponse<byte[]> padded =
                uploads.content(secretary, id, null, "Range", "bytes=0-9," + " ".repeat(7000) + "10-19");
        assertThat(padded.statusCode()).isEqualTo(200);
        assertThat(lastEvent("document_downloaded", id).has("range")).isFalse();

        // adjacent and overlapping ranges become one part each
        HttpResponse<byte[]> joined = uploads.content(secretary, id, null, "Range", "bytes=10-13, 0-4, 3-9, 20-21");
        String body = new String(joined.body(), StandardCharsets.ISO_8859_1);
        assertThat(body)
                .contains("Content-Range: bytes 0-13/" + pdf.length + "\r\n")
                .contains("Content-Range: bytes 20-21/" + pdf.length + "\r\n");
        assertThat(body.split("Content-Range: ", -1)).hasSize(3);
        assertThat(lastEvent("document_downloaded", id).get("range").asString()).isEqualTo("bytes=0-13,20-21");
    }

    @Test
    void aClientThatHasTheContentIsToldSo() {
        JsonNode d = upload(secretary, unique("Memo"), "m.pdf", Samples.pdf());
        UUID id = UUID.fromString(d.get("id").asString());
        HttpResponse<byte[]> r = uploads.content(
                secretary, id, null, "If-None-Match", "\"" + d.get("sha256").asString() + "\"");
        assertThat(r.statusCode()).isEqualTo(304);
        assertThat(events("document_downloaded", id)).isZero();
    }

    @Test
    void contentChangedBehindTheServersBackIsReportedAndNeverServed() throws Exception {
        byte[] pdf = Samples.pdf();
        JsonNode d = upload(secretary, unique("Verslag"), "v.pdf", pdf);
        UUID id = UUID.fromString(d.get("id").asString());
        assertThat(uploads.content(secretary, id, null).statusCode()).isEqualTo(200);

        // same size, one byte different: only the hash can tell
        byte[] tampered = pdf.clone();
        tampered[tampered.length - 10] ^= 1;
        Files.write(contentFile(d.get("sha256").asString()), tampered);
        HttpResponse<byte[]> corrupt = uploads.content(secretary, id, null);
        assertThat(corrupt.statusCode()).isEqualTo(500);
        assertThat(new String(corrupt.body(), StandardCharsets.UTF_8))
                .contains("content_corrupt")
                .doesNotContain("%PDF");
        assertThat(lastEvent("document_downloaded", id).get("outcome").asString())
                .isEqualTo("refused_content_corrupt");
        HttpResponse<byte[]> ranged = uploads.content(secretary, id, null, "Range", "bytes=0-3");
        assertThat(ranged.statusCode()).isEqualTo(500);

        Files.delete(contentFile(d.get("sha256").asString()));
        HttpResponse<byte[]> missing = uploads.content(secretary, id, "disposition=inline");
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("content_missing");
        assertThat(lastEvent("document_viewed", id).get("outcome").asString()).isEqualTo("refused_content_missing");

        // uploading the same content again repairs the store
        upload(vp, unique("Opnieuw"), "v.pdf", pdf);
        HttpResponse<byte[]> repaired = uploads.content(secretary, id, null);
        assertThat(repaired.statusCode()).isEqualTo(200);
        assertThat(repaired.body()).isEqualTo(pdf);
    }

    @Test
    void contentThatIsStoredAlreadyIsKeptTheSameWayAsNewContent() throws Exception {
        byte[] pdf = Samples.pdf();
        JsonNode first = upload(vp, unique("Van de VP"), "vp.pdf", pdf);
        Path file = contentFile(first.get("sha256").asString());
        Object before = Files.getAttribute(file, "unix:ino");

        // a secretary uploads the very same file: it is kept as new content is (a rename of the copy
        // just received), not by reading the stored one again, whose time would tell that it exists
        JsonNode again = upload(secretary, unique("Zelfde bestand"), "zelfde.pdf", pdf);
        assertThat(again.get("sha256").asString()).isEqualTo(first.get("sha256").asString());
        assertThat(Files.getAttribute(file, "unix:ino")).isNotEqualTo(before);
        HttpResponse<byte[]> served =
                uploads.content(vp, UUID.fromString(first.get("id").asString()), null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(pdf);
    }
}
