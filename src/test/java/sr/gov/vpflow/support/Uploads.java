package sr.gov.vpflow.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Multipart uploads and binary downloads over real HTTP, as a script using the API would send them. */
public final class Uploads {

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    public Uploads(String base) {
        this.base = base;
    }

    /** A multipart body: fields, then the file part (if content is not null). */
    public static final class Body {
        public final String boundary =
                "----vpflow" + UUID.randomUUID().toString().replace("-", "");
        public final Map<String, String> fields = new LinkedHashMap<>();
        String fileName = "document.pdf";
        String fileType = "application/octet-stream";
        byte[] content;

        public Body field(String name, String value) {
            fields.put(name, value);
            return this;
        }

        public Body file(String name, String type, byte[] bytes) {
            this.fileName = name;
            this.fileType = type;
            this.content = bytes;
            return this;
        }

        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fields.forEach((k, v) -> write(
                    out,
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n"));
            if (content != null) {
                write(
                        out,
                        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                                + "\"\r\nContent-Type: " + fileType + "\r\n\r\n");
                out.writeBytes(content);
                write(out, "\r\n");
            }
            write(out, "--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        private static void write(ByteArrayOutputStream out, String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static Body body(String title, String fileName, String clientType, byte[] content) {
        return new Body().field("title", title).file(fileName, clientType, content);
    }

    public HttpResponse<String> upload(TestAccounts.Account as, Body body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/documents"))
                .header("Authorization", basic(as))
                .header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + body.boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build();
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> content(TestAccounts.Account as, UUID id, String query, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/documents/" + id + "/content" + (query == null ? "" : "?" + query)))
                .header("Authorization", basic(as));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static String basic(TestAccounts.Account as) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((as.username() + ":" + as.password()).getBytes(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
