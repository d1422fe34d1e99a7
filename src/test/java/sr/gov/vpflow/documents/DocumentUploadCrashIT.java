package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.VpFlowApplication;
import sr.gov.vpflow.support.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server killed (SIGKILL) in the middle of an upload: VP-Flow runs as a process of its own, an
 * upload is streamed slowly into it, the process is killed while the content is half written, and
 * started again on the same data folder. No record may point to missing content, no partial
 * content may stand at an address, and the temporary file is removed at start-up.
 */
class DocumentUploadCrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> servers = new ArrayList<>();
    private Path dataDir;

    @AfterEach
    void stopEverything() throws Exception {
        for (Process server : servers) {
            server.destroy();
            server.waitFor();
        }
        // the first server's PostgreSQL outlived its killed parent; the second server attached to it
        Path pid = dataDir == null ? null : dataDir.resolve("postgres").resolve("postmaster.pid");
        if (pid != null && Files.exists(pid)) {
            long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).strip());
            Optional<ProcessHandle> handle = ProcessHandle.of(postmaster);
            if (handle.isPresent()) {
                handle.get().destroy();
                handle.get().onExit().get();
            }
        }
    }

    @Test
    void aServerKilledDuringAnUploadLeavesNoRecordAndNoPartialContent() throws Exception {
        dataDir = IntegrationTest.preparedDataDir("upload-crash");
        int port = freePort();
        Process first = start(port, "first");
        String user = "crash-" + System.nanoTime();
        String password = "Lang-genoeg-wachtwoord-42";
        createSecretary(port, user, password);

        Path temporary = dataDir.resolve("documents").resolve(".tmp");
        try (Socket socket = new Socket("localhost", port)) {
            String boundary = "crashboundary";
            String head = "--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHalf geupload\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"groot.pdf\"\r\n"
                    + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n";
            long fileBytes = 20L * 1024 * 1024;
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/documents HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
                            + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: "
                            + (head.length() + fileBytes + 100) + "\r\n\r\n" + head)
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Instant deadline = Instant.now().plusSeconds(60);
            // stream slowly until the server has written part of the content to its temporary file
            while (partialSize(temporary) < 256 * 1024) {
                assertThat(Instant.now()).as("the upload reaches the store").isBefore(deadline);
                out.write(chunk);
                out.flush();
                Thread.sleep(50);
            }
            first.destroyForcibly().waitFor();
        }
        List<Path> leftOver = files(temporary);
        assertThat(leftOver).as("the cut-off upload's temporary file").hasSize(1);
        assertThat(files(dataDir.resolve("documents").resolve("sha256")))
                .as("nothing at an address")
                .isEmpty();

        start(port, "second");
        assertThat(files(temporary))
                .as("the temporary file is removed at start-up")
                .isEmpty();
        assertThat(files(dataDir.resolve("documents").resolve("sha256"))).isEmpty();
        HttpResponse<String> list = get(port, "/api/v1/documents?include_inactive=true", user + ":" + password);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).get("items")).as("no record").isEmpty();
        // and the audit log records no upload
        HttpResponse<String> audit = get(port, "/api/v1/audit?event_type=document_uploaded", user + ":" + password);
        assertThat(JSON.readTree(audit.body()).get("items")).isEmpty();
    }

    @Test
    void aServerKilledAfterStoringTheContentButBeforeItsRecordLeavesContentThatGcRemoves() throws Exception {
        dataDir = IntegrationTest.preparedDataDir("upload-crash-after-rename");
        int port = freePort();
        Process first = start(port, "first");
        String user = "crash-" + System.nanoTime();
        String password = "Lang-genoeg-wachtwoord-43";
        createSecretary(port, user, password);
        Path contents = dataDir.resolve("documents").resolve("sha256");
        // the upload's record waits for the audit log's head, which this transaction holds: the
        // server is killed with the content at its address and the record not yet committed
        try (java.sql.Connection hold = superuser()) {
            hold.setAutoCommit(false);
            hold.createStatement().execute("SELECT * FROM vpflow.audit_chain_head FOR UPDATE");
            String boundary = "afterrename";
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nNa de rename\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"brief.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\nDe inhoud staat al op zijn adres " + System.nanoTime()
                    + "\r\n--" + boundary + "--\r\n";
            uploadInBackground(port, user, password, boundary, body);
            Instant deadline = Instant.now().plusSeconds(60);
            while (files(contents).isEmpty()) {
                assertThat(Instant.now()).as("the content reaches its address").isBefore(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(500);
            first.destroyForcibly().waitFor();
            hold.rollback();
        }
        List<Path> stored = files(contents);
        assertThat(stored).as("the content at its address").hasSize(1);
        String address = dataDir.resolve("documents").relativize(stored.get(0)).toString();

        start(port, "second");
        HttpResponse<String> list = get(port, "/api/v1/documents?include_inactive=true", user + ":" + password);
        assertThat(JSON.readTree(list.body()).get("items")).as("no record").isEmpty();
        String verify = cli("storage", "verify");
        assertThat(verify).contains("UNREFERENCED " + address).contains("document store intact");
        assertThat(cli("storage", "gc", "--older-than", "0")).contains("would remove " + address);
        assertThat(files(contents)).hasSize(1);
        assertThat(cli("storage", "gc", "--older-than", "0", "--delete")).contains("removed " + address);
        assertThat(files(contents)).isEmpty();
        assertThat(cli("storage", "verify")).doesNotContain("UNREFERENCED");
    }

    @Test
    void aServerKilledWithTheWholeContentReceivedButNotYetAtItsAddressLeavesNothing() throws Exception {
        dataDir = IntegrationTest.preparedDataDir("upload-crash-before-rename");
        int port = freePort();
        Process first = start(port, "first");
        String user = "crash-" + System.nanoTime();
        String password = "Lang-genoeg-wachtwoord-44";
        createSecretary(port, user, password);
        HttpResponse<String> guest = post(port, "/api/v1/guests", user + ":" + password, "{\"full_name\": \"Gast\"}");
        assertThat(guest.statusCode()).isEqualTo(201);
        String guestId = JSON.readTree(guest.body()).get("id").asString();
        Path temporary = dataDir.resolve("documents").resolve(".tmp");
        Path contents = dataDir.resolve("documents").resolve("sha256");
        String text = "Helemaal ontvangen, nog niet op zijn adres " + System.nanoTime();
        // the upload, linked to the guest, looks the guest up after receiving the whole content and
        // before putting it at its address: the guests table, locked here, holds it there
        try (java.sql.Connection hold = superuser()) {
            hold.setAutoCommit(false);
            hold.createStatement().execute("LOCK TABLE vpflow.guests IN ACCESS EXCLUSIVE MODE");
            String boundary = "beforerename";
            String body = "--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nVoor de rename\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"entity_type\"\r\n\r\nguest\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"entity_id\"\r\n\r\n" + guestId
                    + "\r\n--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"brief.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
            uploadInBackground(port, user, password, boundary, body);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partialSize(temporary) < text.length()) {
                assertThat(Instant.now()).as("the whole content is received").isBefore(deadline);
                Thread.sleep(20);
            }
            Thread.sleep(500);
            first.destroyForcibly().waitFor();
            hold.rollback();
        }
        assertThat(files(temporary)).as("the complete temporary file").hasSize(1);
        assertThat(Files.size(files(temporary).get(0))).isEqualTo(text.length());
        assertThat(files(contents)).as("nothing at an address").isEmpty();

        start(port, "second");
        assertThat(files(temporary)).as("removed at start-up").isEmpty();
        assertThat(files(contents)).isEmpty();
        HttpResponse<String> list = get(port, "/api/v1/documents?include_inactive=true", user + ":" + password);
        assertThat(JSON.readTree(list.body()).get("items")).as("no record").isEmpty();
        HttpResponse<String> audit = get(port, "/api/v1/audit?event_type=document_uploaded", user + ":" + password);
        assertThat(JSON.readTree(audit.body()).get("items")).isEmpty();
    }

    /** Sends an upload without waiting for the answer (the server is killed before it answers). */
    private void uploadInBackground(int port, String user, String password, String boundary, String body) {
        http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/documents"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A secretary's account, made by the initial administrator through the API. */
    private void createSecretary(int port, String user, String password) throws Exception {
        String admin = "admin:"
                + Files.readString(dataDir.resolve("initial-admin-password")).strip();
        HttpResponse<String> created = post(
                port,
                "/api/v1/users",
                admin,
                "{\"username\": \"" + user + "\", \"display_name\": \"Secretaris\", \"role\": \"secretary\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // the person chooses the password with the activation link
        String link = JSON.readTree(created.body()).get("activation").get("url").asString();
        HttpResponse<String> activated = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/activations/"
                                        + link.substring(link.lastIndexOf('/') + 1)))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"password\": \"" + password + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(204);
    }

    /** A connection of the embedded PostgreSQL's superuser, to hold a lock that the server waits for. */
    private java.sql.Connection superuser() throws Exception {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        java.util.Properties owner = new java.util.Properties();
        owner.setProperty("user", "postgres");
        owner.setProperty(
                "password",
                Files.readString(dataDir.resolve("secrets").resolve("postgres-superuser-password"))
                        .strip());
        return java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + pid.get(3).strip() + "/vpflow", owner);
    }

    /** A command of the jar, as its own process beside the running server; its output. */
    private String cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                VpFlowApplication.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("VPFLOW_DATA_DIR", dataDir.toString());
        // the PostgreSQL programs are unpacked once for the whole run, not by each server
        builder.environment().put("VPFLOW_DB_BINARIES_DIR", System.getProperty("vpflow.db.binaries-dir", ""));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private Process start(int port, String name) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        VpFlowApplication.class.getName(),
                        "serve",
                        "--vpflow.login.bcrypt-strength=4")
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server-" + name + ".log").toFile());
        builder.environment().put("VPFLOW_DATA_DIR", dataDir.toString());
        // the PostgreSQL programs are unpacked once for the whole run, not by each server
        builder.environment().put("VPFLOW_DB_BINARIES_DIR", System.getProperty("vpflow.db.binaries-dir", ""));
        builder.environment().put("VPFLOW_PORT", String.valueOf(port));
        builder.environment().put("VPFLOW_BACKUP_SCHEDULE", "off");
        builder.environment().put("VPFLOW_REQUIRE_SECOND_FACTOR", "false");
        Process process = builder.start();
        servers.add(process);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            assertThat(process.isAlive())
                    .as("the server keeps running (see server-" + name + ".log)")
                    .isTrue();
            assertThat(Instant.now()).as("the server starts").isBefore(deadline);
            try {
                if (get(port, "/actuator/health", null).statusCode() == 200) {
                    return process;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
    }

    private HttpResponse<String> get(int port, String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (credentials != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path, String credentials, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long partialSize(Path dir) throws IOException {
        long size = 0;
        for (Path f : files(dir)) {
            size += Files.size(f);
        }
        return size;
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
