package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.support.Samples;
import sr.gov.vpflow.support.Uploads;
import tools.jackson.databind.JsonNode;

/** Bad uploads: each refused with its status and code, nothing stored and no row written. */
class DocumentUploadRefusalsIT extends DocumentTestBase {

    private static final int MAX = 2 * 1024 * 1024; // vpflow.max-upload-mb=2 in the tests

    private void refused(Uploads.Body body, int status, String code) {
        List<Path> stored = storedFiles();
        String title = body.fields.get("title");
        HttpResponse<String> r = uploads.upload(secretary, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(r).get("code").asString()).isEqualTo(code);
        assertThat(storedFiles()).as("nothing stored").isEqualTo(stored);
        assertThat(temporaryFiles()).as("no temporary file left").isEmpty();
        if (title != null) {
            assertThat(documentsTitled(title)).as("no row").isZero();
        }
    }

    @Test
    void anEmptyFileOrNoneAtAll() {
        refused(Uploads.body(unique("Leeg"), "leeg.pdf", "application/pdf", new byte[0]), 400, "empty_file");
        refused(new Uploads.Body().field("title", unique("Geen bestand")), 400, "file_required");
    }

    @Test
    void aMissingOrLongTitleOrDescription() {
        refused(new Uploads.Body().file("a.pdf", "application/pdf", Samples.pdf()), 400, "validation_failed");
        refused(Uploads.body("x".repeat(201), "a.pdf", "application/pdf", Samples.pdf()), 400, "validation_failed");
        refused(
                Uploads.body(unique("Lang"), "a.pdf", "application/pdf", Samples.pdf())
                        .field("description", "d".repeat(4001)),
                400,
                "validation_failed");
        refused(
                Uploads.body(unique("Koppeling"), "a.pdf", "application/pdf", Samples.pdf())
                        .field("entity_type", "minister"),
                400,
                "validation_failed");
    }

    @Test
    void aFileOverTheLimitIsCutOffWith413() {
        byte[] big = new byte[MAX + 300 * 1024];
        System.arraycopy(Samples.pdf(), 0, big, 0, 100);
        refused(Uploads.body(unique("Te groot"), "groot.pdf", "application/pdf", big), 413, "file_too_large");
    }

    @Test
    void aRequestDeclaredLargerThanTheLimitIsRefusedBeforeItsBodyIsRead() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("POST /api/v1/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + Uploads.basic(secretary)
                                    + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 5000000000\r\n"
                                    + "Connection: close\r\n\r\n--b\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            // the answer comes while the body is still unsent
            while (!response.toString().contains("}") && (n = in.read(buffer)) > 0) {
                response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertThat(response.toString()).startsWith("HTTP/1.1 413").contains("file_too_large");
        }
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aChunkedUploadOfManyLargeFieldsIsStoppedEarly() throws Exception {
        String title = unique("Velden");
        StringBuilder head =
                new StringBuilder("--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n");
        String field = "x".repeat(60 * 1024);
        String response = chunked(
                head, 400, i -> "--b\r\nContent-Disposition: form-data; name=\"f" + i + "\"\r\n\r\n" + field + "\r\n");
        assertThat(response).startsWith("HTTP/1.1 400").contains("too_many_parts");
        assertThat(documentsTitled(title)).isZero();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aChunkedUploadLargerThanTheLimitIsCutOffWith413() throws Exception {
        String title = unique("Groot deel");
        StringBuilder head = new StringBuilder("--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title
                + "\r\n" + "--b\r\nContent-Disposition: form-data; name=\"extra\"; filename=\"x.bin\"\r\n\r\n");
        String block = "y".repeat(64 * 1024);
        String response = chunked(head, 100, i -> block);
        assertThat(response).startsWith("HTTP/1.1 413").contains("file_too_large");
        assertThat(documentsTitled(title)).isZero();
        assertThat(temporaryFiles()).isEmpty();
    }

    /**
     * Sends an upload with Transfer-Encoding: chunked (no Content-Length to check first): the head,
     * then {@code count} more pieces, while reading the answer, which may come before all is sent.
     */
    private String chunked(StringBuilder head, int count, java.util.function.IntFunction<String> piece)
            throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(("POST /api/v1/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                                    + Uploads.basic(secretary)
                                    + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    writeChunk(out, head.toString());
                    for (int i = 0; i < count; i++) {
                        writeChunk(out, piece.apply(i));
                    }
                    writeChunk(out, "\r\n--b--\r\n");
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException e) {
                    // the server stopped reading: what it answered is what counts
                }
            });
            writer.start();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            writer.join(30_000);
            return response;
        }
    }

    private static void writeChunk(OutputStream out, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aTypeOutsideTheAllowListIs415() {
        refused(
                Uploads.body(unique("Archief"), "archief.zip", "application/zip", Samples.zip()),
                415,
                "file_type_not_allowed");
        refused(
                Uploads.body(unique("Pagina"), "pagina.html", "text/html", Samples.html()),
                415,
                "file_type_not_allowed");
    }

    @Test
    void aProgramNamedAsPdfIsRefused() {
        Uploads.Body spoofed = Uploads.body(unique("Factuur"), "factuur.pdf", "application/pdf", Samples.executable());
        refused(spoofed, 415, "file_type_not_allowed");
        HttpResponse<String> again = uploads.upload(
                secretary, Uploads.body(unique("Factuur"), "factuur.pdf", "application/pdf", Samples.executable()));
        assertThat(json(again).get("detected_type").asString()).isEqualTo("application/x-msdownload");
    }

    @Test
    void aPathLikeOrVeryLongFileNameIsKeptSafely() {
        JsonNode pathLike = upload(secretary, unique("Pad"), "../../etc/C:\\Windows\\passwd.pdf", Samples.pdf());
        assertThat(pathLike.get("file_name").asString()).isEqualTo("passwd.pdf");

        String longName = "Verslag " + "ä".repeat(300) + ".pdf";
        JsonNode tooLong = upload(secretary, unique("Lang"), longName, Samples.pdf());
        String kept = tooLong.get("file_name").asString();
        assertThat(kept).hasSize(FileNames.MAX_LENGTH).startsWith("Verslag ä").endsWith("ä.pdf");

        JsonNode control = upload(secretary, unique("Stuurtekens"), "rapport\u202Egnp.exe\u0007.pdf", Samples.pdf());
        assertThat(control.get("file_name").asString()).isEqualTo("rapportgnp.exe.pdf");
        HttpResponse<byte[]> download =
                uploads.content(secretary, UUID.fromString(control.get("id").asString()), null);
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"rapportgnp.exe.pdf\"; filename*=UTF-8''rapportgnp.exe.pdf");

        JsonNode dots = upload(secretary, unique("Punten"), "..", Samples.pdf());
        assertThat(dots.get("file_name").isNull()).isTrue();
        HttpResponse<byte[]> named =
                uploads.content(secretary, UUID.fromString(dots.get("id").asString()), null);
        assertThat(named.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename=\"document.pdf\"");
    }

    @Test
    void anUploadThatIsNotMultipart() {
        var r = api.post("/api/v1/documents", secretary, "{\"title\": \"x\"}");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.json().get("code").asString()).isEqualTo("multipart_required");
    }
}
