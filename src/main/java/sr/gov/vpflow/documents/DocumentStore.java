package sr.gov.vpflow.documents;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where document contents live: written once, addressed by their SHA-256 ({@code sha256/ab/cd/<64
 * hex>}), never changed. Content reaches its address complete or not at all, before any record
 * refers to it; what is read is checked against its address. Only content that no record refers to
 * is ever removed ({@code storage gc}, after a grace period). The local file system is the
 * default ({@link LocalFileStore}); a bucket of an S3-compatible service ({@link S3DocumentStore})
 * keeps the same contract.
 */
public interface DocumentStore {

    /**
     * Writes a stream to a temporary place while hashing and counting it, never holding it in
     * memory. More than {@code maxBytes} stops the writing, throws {@link ContentException#tooLarge}
     * and leaves nothing behind.
     */
    Staged receive(InputStream content, long maxBytes) throws IOException;

    /**
     * Puts received content at its address, durably (flushed and renamed into place), and returns
     * the address. The same content is stored once: a copy already there is replaced by this one,
     * just hashed, the same way as new content is kept (so an uploader cannot tell the two apart).
     */
    String keep(Staged staged) throws IOException;

    /** Drops received content that will not be kept. */
    void discard(Staged staged);

    /**
     * The content at an address, checked to be the content the address names and of the expected
     * size; a missing or different content throws {@link ContentException}.
     */
    Content open(String address, long expectedSize);

    /** Reads the whole content at an address again and says whether it is intact, missing or corrupt. */
    Check check(String address, long expectedSize);

    /** Removes the temporary files of uploads that no running process is writing any more. */
    int cleanAbandonedUploads();

    /**
     * The same, and also what uploads left in the store itself that were begun longer than {@code
     * unfinishedFor} ago and never finished (a bucket's multipart uploads), for {@code storage gc}.
     */
    default int cleanAbandonedUploads(java.time.Duration unfinishedFor) {
        return cleanAbandonedUploads();
    }

    /**
     * Every content the store holds, with its size and when it was last stored (kept again by an
     * upload of the same content counts): the grace period of {@code storage gc} counts from then.
     */
    List<Stored> contents() throws IOException;

    /** Removes content that no record refers to; false if it was not there. */
    boolean remove(String address) throws IOException;

    /**
     * Removes content that no record refers to, unless it was stored again at or after
     * {@code storedBefore} (an upload of the same content since the list was read); false if it was
     * not removed.
     */
    default boolean remove(String address, Instant storedBefore) throws IOException {
        return remove(address);
    }

    /** A content in the store. */
    record Stored(String address, long size, Instant storedAt) {}

    /** Received content, not yet at its address: its SHA-256 and size, and its bytes to read again. */
    interface Staged {
        String sha256();

        long size();

        /** The received bytes from the start, for telling their type; the caller closes the stream. */
        InputStream open() throws IOException;
    }

    /** Content checked against its address, ready to be served. */
    interface Content {
        String address();

        String sha256();

        long size();

        /** Reads {@code length} bytes from {@code start}. */
        InputStream open(long start, long length) throws IOException;
    }

    /** The outcome of reading a content again. */
    enum Check {
        INTACT,
        MISSING,
        CORRUPT,
        /** the store could not be read just now (a network or service failure): nothing is known to be wrong */
        UNREADABLE
    }
}
