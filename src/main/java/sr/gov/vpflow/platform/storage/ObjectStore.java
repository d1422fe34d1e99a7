package sr.gov.vpflow.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Named objects ({@code restore-points/backup-20261130-020000/manifest.json}), each written whole
 * or not at all and never changed in place: a folder on another disk ({@link FolderObjectStore})
 * or an S3-compatible bucket ({@link S3ObjectStore}). Keys are relative, separated by {@code /}.
 */
public interface ObjectStore {

    /**
     * Stores {@code size} bytes under the key, replacing what was there. The source may be read
     * more than once (a request sent again).
     */
    void put(String key, Source content, long size) throws IOException;

    /** Content that can be read from its start as often as needed. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /** The size of the object, or empty when there is none under the key. */
    Optional<Long> size(String key) throws IOException;

    /** Reads the object; {@link java.nio.file.NoSuchFileException} when there is none. */
    InputStream open(String key) throws IOException;

    /** The keys that start with the prefix, sorted. */
    List<String> list(String prefix) throws IOException;

    /** Removes the object; nothing happens when there is none. */
    void remove(String key) throws IOException;

    /** Where the objects are, for logs and reports (never a secret). */
    String location();

    /** Refuses keys that could leave the store: empty, absolute, with {@code .} or {@code ..} parts. */
    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("\\")) {
            throw new IllegalArgumentException("not an object key: " + key);
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("not an object key: " + key);
            }
        }
        return key;
    }
}
