package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.Samples;

/**
 * An outside attacker's first steps, end to end, against a server started as a user starts it:
 * {@code java -jar target/vpflow-*.jar} on a fresh data folder with nothing configured. Each step
 * is refused cheaply or bounded (issue: hardening); the details of each are tested beside it.
 */
class OutsideAttackerIT {

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Process server;
    private Path dataDir;
    private int port;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void theAttackersFirstStepsAreRefusedOrBounded() throws Exception {
        dataDir = IntegrationTest.newDataDir("outside-attacker");
        port = freePort();
        Path log = dataDir.resolve("server.log");
        server = java(List.of("-Xmx512m", "-jar", jar().toString()), log);
        awaitHealth(log);
        String base = "http://localhost:" + port;

        // the first start told the console where the administrator's password is, not what it is
        String adminPassword =
                Files.readString(dataDir.resolve("initial-admin-password")).strip();
        assertThat(Files.readString(log)).doesNotContain(adminPassword).contains("initial-admin-password");

        // the embedded database runs from programs only the data folder's owner can reach
        long postmaster =
                Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                        .get(0)
                        .strip());
        assertThat(Files.readSymbolicLink(Path.of("/proc", String.valueOf(postmaster), "exe")))
                .startsWith(dataDir.resolve("postgres-binaries").toRealPath());

        // guessing passwords (from an address a proxy on this machine forwards): after 20 failures
        // in a minute, 429 before any password is checked
        int refusedAt = -1;
        for (int i = 0; i < 30 && refusedAt < 0; i++) {
            HttpResponse<String> guess = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                            .header("X-Forwarded-For", "203.0.113.50")
                            .header("Authorization", basic("gok-" + i + ":wachtwoord-" + i))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (guess.statusCode() == 429) {
                refusedAt = i;
                assertThat(guess.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(guess.statusCode()).isEqualTo(401);
            }
        }
        assertThat(refusedAt).isEqualTo(20);
        // the administrator, who needs a second factor, is not reachable with a password alone
        assertThat(get(base + "/api/v1/me", "admin:" + adminPassword).statusCode())
                .isIn(401, 429);

        // a secretary, made as the README says (the command line prints a link, the person chooses)
        String secretary = "sec-" + UUID.randomUUID().toString().substring(0, 8);
        String added = cli("user", "add", secretary, "--display-name", "Secretaris", "--role", "secretary");
        Matcher link = Pattern.compile("/activate/(vpfl_\\S+)").matcher(added);
        assertThat(link.find()).as(added).isTrue();
        String password = "Een-lang-wachtwoord-van-het-kantoor-" + UUID.randomUUID();
        HttpResponse<String> activated = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/activations/" + link.group(1)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(204);
        String credentials = secretary + ":" + password;

        // multiplying a download: sixteen overlapping ranges are the document once
        byte[] pdf = Samples.pdf();
        HttpResponse<String> uploaded = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/documents"))
                        .header("Authorization", basic(credentials))
                        .header("Content-Type", "multipart/form-data; boundary=b")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("Brief", pdf)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String id = uploaded.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        HttpResponse<byte[]> ranges = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/documents/" + id + "/content"))
                        .header("Authorization", basic(credentials))
                        .header("Range", "bytes=" + "0-,".repeat(15) + "0-")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ranges.statusCode()).isEqualTo(206);
        assertThat(ranges.body()).hasSize(pdf.length);
        assertThat(ranges.headers().allValues("Content-Security-Policy"))
                .anySatisfy(csp -> assertThat(csp).contains("sandbox"));

        // a body of megabytes of unknown keys, declared or chunked: refused, not parsed
        StringBuilder keys = new StringBuilder("{\"full_name\":\"Groot\"");
        for (int i = 0; i < 300_000; i++) {
            keys.append(",\"k").append(i).append("\":1");
        }
        byte[] huge = keys.append('}').toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunked = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/guests"))
                        .header("Authorization", basic(credentials))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);

        // a chunked upload of hundreds of large fields: stopped early
        assertThat(chunkedUpload(credentials)).startsWith("HTTP/1.1 400").contains("too_many_parts");

        // the protective headers, an icon, and no Spring error page
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Permissions-Policy")).isPresent();
        assertThat(login.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base + "/favicon.ico"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .statusCode())
                .isEqualTo(200);

        // files at rest: a restore point is its owner's only, every file of it
        cli("restore-point", "create", "na-de-aanval");
        try (Stream<Path> files = Files.walk(dataDir.resolve("restore-points"))) {
            for (Path file : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(file.toString())
                        .isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------");
            }
        }
    }

    private String chunkedUpload(String credentials) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(("POST /api/v1/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                                    + basic(credentials) + "\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    String field = "x".repeat(60 * 1024);
                    for (int i = 0; i < 400; i++) {
                        byte[] part = ("--b\r\nContent-Disposition: form-data; name=\"f" + i + "\"\r\n\r\n" + field
                                        + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII);
                        out.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(part);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the server stopped reading
                }
            });
            writer.start();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            writer.join(30_000);
            return response;
        }
    }

    private static byte[] multipart(String title, byte[] content) {
        byte[] head = ("--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title
                        + "\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"brief.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return body;
    }

    private HttpResponse<String> get(String url, String credentials) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", basic(credentials))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dataDir, "cli", ".log");
        Process process = java(command, out);
        assertThat(process.waitFor()).as(Files.readString(out)).isZero();
        return Files.readString(out);
    }

    /** The JVM running the tests runs the jar as a user would, with a data folder and a port. */
    private Process java(List<String> args, Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("VPFLOW_DATA_DIR", dataDir.toString());
        builder.environment().put("VPFLOW_PORT", String.valueOf(port));
        return builder.start();
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("vpflow-.*\\.jar")
                            && !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar in target: the package phase makes it"));
        }
    }

    private void awaitHealth(Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            assertThat(server.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(Instant.now()).as("the server starts").isBefore(deadline);
            try {
                if (http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://localhost:" + port + "/actuator/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
