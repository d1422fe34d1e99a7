package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.S3Server;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The heap budget with the documents in a bucket: VP-Flow as a process of its own with a heap of
 * 256 MB (README, "Benchmarks"), VPFLOW_STORAGE=s3 at a real S3 API server, takes and serves a file
 * larger than that heap, streamed both ways.
 */
class S3DocumentStoreHeapIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long SIZE = 320L * 1024 * 1024;

    private final HttpClient http = HttpClient.newHttpClient();
    private S3Server s3;
    private Process server;
    private Path dataDir;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
        // the server's embedded PostgreSQL stops with it; one left behind by a killed server goes too
        Path pid = dataDir == null ? null : dataDir.resolve("postgres").resolve("postmaster.pid");
        if (pid != null && Files.exists(pid)) {
            Optional<ProcessHandle> handle = ProcessHandle.of(
                    Long.parseLong(Files.readAllLines(pid).get(0).strip()));
            if (handle.isPresent()) {
                handle.get().destroy();
                handle.get().onExit().get();
            }
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aFileLargerThanTheHeapGoesIntoTheBucketAndComesBackWhole() throws Exception {
        s3 = S3Server.start("documents");
        dataDir = IntegrationTest.preparedDataDir("s3-heap");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        start(port);
        String secretary = secretary(port);

        String boundary = "heapboundary";
        byte[] head = ("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nGroter dan de heap\r\n"
                        + "--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"groot.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpResponse<String> uploaded = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/documents"))
                        .header("Authorization", basic(secretary))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() ->
                                        new SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
                                                new java.io.ByteArrayInputStream(head),
                                                new DigestInputStream(new Generated(SIZE), sent),
                                                new java.io.ByteArrayInputStream(tail))))),
                                head.length + SIZE + tail.length))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode document = JSON.readTree(uploaded.body());
        String sha256 = HexFormat.of().formatHex(sent.digest());
        assertThat(document.get("sha256").asString()).isEqualTo(sha256);
        assertThat(Files.size(s3.bucketFolder("documents").resolve(ContentAddress.of(sha256))))
                .as("the object in the bucket")
                .isEqualTo(SIZE);

        HttpResponse<InputStream> download = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/documents/"
                                + document.get("id").asString() + "/content"))
                        .header("Authorization", basic(secretary))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[1024 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                received.update(buffer, 0, n);
                size += n;
            }
        }
        assertThat(size).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(sha256);
        assertThat(server.isAlive())
                .as("no OutOfMemoryError stopped the server")
                .isTrue();
        assertThat(Files.readString(dataDir.resolve("server.log"))).doesNotContain("OutOfMemoryError");
    }

    /** Bytes of their own behind a PDF header, made as they are read. */
    private static final class Generated extends InputStream {
        private final Random random = new Random(42);
        private final byte[] header = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        private final long size;
        private long position;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            for (int i = 0; i < n; i++) {
                long at = position + i;
                b[off + i] = at < header.length ? header[(int) at] : bytes[i];
            }
            position += n;
            return n;
        }
    }

    private void start(int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        VpFlowApplication.class.getName(),
                        "serve",
                        "--vpflow.login.bcrypt-strength=4")
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server.log").toFile());
        var env = builder.environment();
        env.put("VPFLOW_DATA_DIR", dataDir.toString());
        env.put("VPFLOW_DB_BINARIES_DIR", System.getProperty("vpflow.db.binaries-dir", ""));
        env.put("VPFLOW_PORT", String.valueOf(port));
        env.put("VPFLOW_BACKUP_SCHEDULE", "off");
        env.put("VPFLOW_REQUIRE_SECOND_FACTOR", "false");
        env.put("VPFLOW_MAX_UPLOAD_MB", "400");
        env.put("VPFLOW_STORAGE", "s3");
        env.put("VPFLOW_S3_ENDPOINT", s3.endpoint());
        env.put("VPFLOW_S3_BUCKET", "documents");
        env.put("VPFLOW_S3_ACCESS_KEY", s3.accessKey());
        env.put("VPFLOW_S3_SECRET_KEY", s3.secretKey());
        env.put("VPFLOW_S3_PATH_STYLE", "true");
        server = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            assertThat(server.isAlive())
                    .as("the server keeps running (see server.log)")
                    .isTrue();
            assertThat(Instant.now()).as("the server starts").isBefore(deadline);
            try {
                if (http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://localhost:" + port + "/actuator/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
    }

    /** A secretary made by the initial administrator, with the password chosen by its activation link. */
    private String secretary(int port) throws Exception {
        String admin = "admin:"
                + Files.readString(dataDir.resolve("initial-admin-password")).strip();
        String user = "heap-" + System.nanoTime();
        String password = "Lang-genoeg-wachtwoord-45";
        HttpResponse<String> created = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/users"))
                        .header("Authorization", basic(admin))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + user
                                + "\", \"display_name\": \"Secretaris\", \"role\": \"secretary\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String link = JSON.readTree(created.body()).get("activation").get("url").asString();
        HttpResponse<String> activated = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/activations/"
                                + link.substring(link.lastIndexOf('/') + 1)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"password\": \"" + password + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(204);
        return user + ":" + password;
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
