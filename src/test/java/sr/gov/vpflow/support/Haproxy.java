package sr.gov.vpflow.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HAProxy (Debian's package) running one of the configurations in docs/deploy as it is, with this
 * machine's free ports for its HTTPS and HTTP binds, a certificate made for the test, and the
 * backend addresses the test gives.
 */
public final class Haproxy implements AutoCloseable {

    private final Path dir;
    private final Path cert;
    private final int https;
    private final int http;
    private final Process process;

    private Haproxy(Path dir, Path cert, int https, int http, Process process) {
        this.dir = dir;
        this.cert = cert;
        this.https = https;
        this.http = http;
        this.process = process;
    }

    /**
     * Runs {@code docs/deploy/<file>} with the test's ports and certificate; {@code backends} puts
     * the test's servers in place of the documented addresses and returns the configuration run.
     */
    public static Haproxy start(String file, UnaryOperator<String> backends) throws Exception {
        Path dir = Files.createTempDirectory("vpflow-haproxy");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        run(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-days",
                "1",
                "-subj",
                "/CN=localhost",
                "-addext",
                "subjectAltName=DNS:localhost");
        Path pem = dir.resolve("vpflow.pem");
        Files.write(pem, (Files.readString(cert) + Files.readString(key)).getBytes(StandardCharsets.US_ASCII));
        int https = freePort();
        int http = freePort();
        String documented = Files.readString(Path.of("docs", "deploy", file));
        String config = backends.apply(documented
                .replace("bind :443 ", "bind 127.0.0.1:" + https + " ")
                .replace("bind :80\n", "bind 127.0.0.1:" + http + "\n")
                .replace("/etc/haproxy/certs/vpflow.pem", pem.toString()));
        if (!config.contains("127.0.0.1:" + https + " ssl crt " + pem)
                || !config.contains("127.0.0.1:" + http + "\n")) {
            throw new IllegalStateException("docs/deploy/" + file + " does not bind :443 with a certificate and :80");
        }
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config);
        String configured = System.getenv("VPFLOW_HAPROXY");
        String executable = configured != null && !configured.isBlank() ? configured : "/usr/sbin/haproxy";
        Process process = new ProcessBuilder(executable, "-f", cfg.toString(), "-db")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile())
                .start();
        Haproxy haproxy = new Haproxy(dir, cert, https, http, process);
        haproxy.awaitPort(https);
        return haproxy;
    }

    /** The configuration HAProxy runs. */
    public String config() throws IOException {
        return Files.readString(dir.resolve("haproxy.cfg"));
    }

    /** What HAProxy logged (one line per request). */
    public String log() throws IOException {
        return Files.readString(dir.resolve("haproxy.log"));
    }

    public String httpsBase() {
        return "https://localhost:" + https;
    }

    public int httpPort() {
        return http;
    }

    /** A client that trusts this proxy's certificate and no other, and follows no redirect. */
    public HttpClient client() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (var in = Files.newInputStream(cert)) {
            trusted.setCertificateEntry(
                    "proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), new SecureRandom());
        return HttpClient.newBuilder()
                .sslContext(context)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitPort(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("haproxy stopped: " + log());
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("haproxy did not open port " + port + ": " + log());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
