package sr.gov.vpflow.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import sr.gov.vpflow.support.S3Server;

/**
 * Where the tests copy backups: a folder standing in for a second disk, or a bucket of a real S3
 * API server (S3Proxy), with the settings that point VP-Flow at it and the folder where its
 * objects can be looked at.
 */
record CopyPlace(String location, Map<String, String> settings, Path files, S3Server server) implements AutoCloseable {

    static CopyPlace of(String kind) throws Exception {
        if (kind.equals("folder")) {
            Path copy = Files.createTempDirectory("vpflow-second-disk");
            return new CopyPlace(copy.toString(), Map.of("vpflow.backup.copy-to", copy.toString()), copy, null);
        }
        S3Server s3 = S3Server.start("backups");
        return new CopyPlace(
                "s3://backups/office/",
                Map.of(
                        "vpflow.backup.copy-to", "s3://backups/office",
                        "vpflow.backup.s3.endpoint", s3.endpoint(),
                        "vpflow.backup.s3.access-key", s3.accessKey(),
                        "vpflow.backup.s3.secret-key", s3.secretKey()),
                s3.bucketFolder("backups").resolve("office"),
                s3);
    }

    /** The settings as arguments of a standalone application, with more of its own. */
    String[] properties(String... more) {
        return java.util.stream.Stream.concat(
                        settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()),
                        java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
