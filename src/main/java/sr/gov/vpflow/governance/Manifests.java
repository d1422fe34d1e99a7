package sr.gov.vpflow.governance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import sr.gov.vpflow.platform.SafeFiles;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing manifests and reports: indented JSON with snake_case names, hashed. */
final class Manifests {

    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static final String MANIFEST = "manifest.json";
    static final String MANIFEST_SHA256 = "manifest.sha256";

    private Manifests() {}

    static void write(Path dir, RestorePointManifest manifest) {
        byte[] bytes = JSON.writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8);
        SafeFiles.write(dir.resolve(MANIFEST), bytes);
        SafeFiles.writeString(dir.resolve(MANIFEST_SHA256), sha256(bytes) + "  " + MANIFEST + "\n");
    }

    /** The manifest, after checking it against its recorded SHA-256. */
    static RestorePointManifest read(Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(dir.resolve(MANIFEST));
        String recorded = Files.readString(dir.resolve(MANIFEST_SHA256)).strip().split("\\s+")[0];
        if (!recorded.equals(sha256(bytes))) {
            throw new IOException("manifest.json does not match manifest.sha256");
        }
        return JSON.readValue(bytes, RestorePointManifest.class);
    }

    static String sha256(byte[] bytes) {
        MessageDigest digest = CopyFile.sha256();
        digest.update(bytes);
        return CopyFile.hex(digest);
    }
}
