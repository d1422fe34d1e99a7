package sr.gov.vpflow.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A real S3 API server for the tests: S3Proxy (its jar is fetched by the build, see pom.xml) as a
 * process of its own, keeping objects as files under a folder, with one bucket.
 */
public final class S3Server implements AutoCloseable {

    private Process process;
    private final int port;
    private final Path home;
    private final Path objects;
    private final String secretKey;

    private S3Server(int port, Path home, Path objects, String secretKey) {
        this.port = port;
        this.home = home;
        this.objects = objects;
        this.secretKey = secretKey;
    }

    public static S3Server start(String bucket) throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("S3Proxy is not at " + jar + ": run the tests with ./mvnw verify");
        }
        Path home = Files.createTempDirectory("vpflow-s3");
        Path objects = Files.createDirectories(home.resolve("objects"));
        Files.createDirectories(objects.resolve(bucket));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String secretKey = "secret-" + UUID.randomUUID();
        Path properties = home.resolve("s3proxy.properties");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=vpflow-test",
                        "s3proxy.credential=" + secretKey,
                        "jclouds.provider=filesystem",
                        "jclouds.filesystem.basedir=" + objects,
                        ""));
        S3Server server = new S3Server(port, home, objects, secretKey);
        server.launch();
        return server;
    }

    private void launch() throws IOException, InterruptedException {
        String jar = System.getProperty("s3proxy.jar");
        process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-jar",
                        jar,
                        "--properties",
                        home.resolve("s3proxy.properties").toString())
                .redirectErrorStream(true)
                .redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(
                        home.resolve("s3proxy.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy stopped; see " + home.resolve("s3proxy.log"));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    close();
                    throw new IllegalStateException("S3Proxy did not start; see " + home.resolve("s3proxy.log"));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Kills the server (SIGKILL), as a crash of the machine it runs on would stop it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts the server again on the same port and the same objects. */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String accessKey() {
        return "vpflow-test";
    }

    public String secretKey() {
        return secretKey;
    }

    /** Where S3Proxy keeps the objects of a bucket as files (for a test that damages one). */
    public Path bucketFolder(String bucket) {
        return objects.resolve(bucket);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
