package sr.gov.vpflow.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sr.gov.vpflow.platform.storage.S3ObjectStore;

/**
 * The document store in a bucket of an S3-compatible service (AWS S3, MinIO, Ceph RGW, Garage):
 * the same keys as the local store's paths ({@code sha256/ab/cd/<64 hex>}). An upload is received
 * into a temporary file on this machine, hashed and counted on the way (as the local store does),
 * and sent to its address only then, as a multipart upload of parts read from that file: the
 * object appears under its key only when the service completes the upload, whole. A multipart
 * upload cut off by a crash is aborted by {@link #cleanAbandonedUploads} once it is older than any
 * running upload could be.
 *
 * <p>Reads are checked against the address: the whole object is hashed the first time this
 * process serves it and again whenever its tag or time in the bucket differs from the one last
 * verified; what is served is read only while the object still has that tag, and a whole read is
 * hashed on the way once more. {@link #check} always hashes it all.
 */
final class S3DocumentStore implements DocumentStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3DocumentStore.class);
    static final String CONTENTS = "sha256/";
    /** The size of a part of a multipart upload, and the largest content stored in one request. */
    static final long PART = 8L * 1024 * 1024;

    /** The most parts S3 takes in one multipart upload. */
    static final long MAX_PARTS = 10_000;

    private static final int VERIFIED_MAX = 100_000;

    private final S3ObjectStore bucket;
    private final LocalFileStore staging;
    private final Duration abandonedAfter;
    private final Clock clock;
    private final Map<String, String> verified = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > VERIFIED_MAX;
        }
    };

    /**
     * @param staging where uploads are received before they go to the bucket
     * @param abandonedAfter a multipart upload older than this is no running upload's any more
     */
    S3DocumentStore(S3ObjectStore bucket, LocalFileStore staging, Duration abandonedAfter, Clock clock) {
        this.bucket = bucket;
        this.staging = staging;
        this.abandonedAfter = abandonedAfter;
        this.clock = clock;
    }

    String location() {
        return bucket.location();
    }

    @Override
    public Staged receive(InputStream content, long maxBytes) throws IOException {
        return staging.receive(content, maxBytes);
    }

    @Override
    public String keep(Staged received) throws IOException {
        LocalFileStore.Received staged = (LocalFileStore.Received) received;
        String address = ContentAddress.of(staged.sha256());
        try {
            // sent again even when the bucket holds it already, as the local store renames over
            // its copy: an uploader cannot tell, and storage gc's grace period starts anew
            if (staged.size() <= PART) {
                bucket.put(address, staged::open, staged.size());
            } else {
                bucket.putInParts(
                        address,
                        staged.size(),
                        partSize(staged.size()),
                        (start, length) -> range(staged, start, length));
            }
            forget(address);
            return address;
        } catch (IOException e) {
            throw new StoreFailure("cannot keep content in " + bucket.location() + ": " + e.getMessage(), false, e);
        } finally {
            staging.discard(staged);
        }
    }

    /**
     * The size of the parts of a content: 8 MiB, or larger (in whole MiB) where S3's limit of
     * 10,000 parts to an upload would otherwise be reached.
     */
    static long partSize(long size) {
        long mib = 1024L * 1024;
        long least = (size + MAX_PARTS - 1) / MAX_PARTS;
        return Math.max(PART, (least + mib - 1) / mib * mib);
    }

    private static InputStream range(LocalFileStore.Received staged, long start, long length) throws IOException {
        FileChannel channel = FileChannel.open(staged.file(), StandardOpenOption.READ);
        channel.position(start);
        return new LocalFileStore.Limited(Channels.newInputStream(channel), length);
    }

    @Override
    public void discard(Staged staged) {
        staging.discard(staged);
    }

    @Override
    public Content open(String address, long expectedSize) {
        if (ContentAddress.sha256In(address).isEmpty()) {
            throw ContentException.corrupt(); // a record that names no content of this store
        }
        S3ObjectStore.Head head;
        try {
            head = bucket.head(address).orElse(null);
        } catch (IOException e) {
            log.warn("could not read content {} in {}: {}", address, bucket.location(), e.getMessage());
            throw ContentException.unavailable();
        }
        if (head == null) {
            forget(address);
            throw ContentException.missing();
        }
        if (head.size() != expectedSize) {
            forget(address);
            throw ContentException.corrupt();
        }
        if (!tag(head).equals(verifiedTag(address))) {
            switch (verify(address, head)) {
                case MISSING -> throw ContentException.missing();
                case CORRUPT -> throw ContentException.corrupt();
                case UNREADABLE -> throw ContentException.unavailable();
                case INTACT -> {}
            }
        }
        return new S3Content(address, expectedSize, head.eTag());
    }

    @Override
    public Check check(String address, long expectedSize) {
        if (ContentAddress.sha256In(address).isEmpty()) {
            return Check.CORRUPT; // a record that names no content of this store
        }
        try {
            Optional<S3ObjectStore.Head> head = bucket.head(address);
            if (head.isEmpty()) {
                forget(address);
                return Check.MISSING;
            }
            if (head.get().size() != expectedSize) {
                forget(address);
                return Check.CORRUPT;
            }
            return verify(address, head.get());
        } catch (IOException e) {
            forget(address);
            log.warn("could not read content {} in {}: {}", address, bucket.location(), e.getMessage());
            return Check.UNREADABLE;
        }
    }

    /** Reads the whole object as it is under its tag and compares its SHA-256 with its address. */
    private Check verify(String address, S3ObjectStore.Head head) {
        MessageDigest sha256 = sha256();
        long size = 0;
        try (InputStream in = bucket.open(address, 0, head.size(), head.eTag())) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                size += n;
            }
        } catch (NoSuchFileException e) {
            forget(address);
            return Check.MISSING;
        } catch (IOException e) {
            // a failure to read says nothing of the content: not corrupt, unreadable now
            forget(address);
            log.warn("could not read content {} in {}: {}", address, bucket.location(), e.getMessage());
            return Check.UNREADABLE;
        }
        if (size != head.size()
                || !HexFormat.of().formatHex(sha256.digest()).equals(ContentAddress.sha256Of(address))) {
            forget(address);
            return Check.CORRUPT;
        }
        remember(address, tag(head));
        return Check.INTACT;
    }

    @Override
    public int cleanAbandonedUploads() {
        return cleanAbandonedUploads(abandonedAfter);
    }

    @Override
    public int cleanAbandonedUploads(Duration olderThan) {
        int removed = staging.cleanAbandonedUploads();
        Instant before = clock.instant().minus(olderThan);
        int aborted = 0;
        try {
            for (S3ObjectStore.Upload upload : bucket.uploads(CONTENTS)) {
                if (upload.initiated() != null && upload.initiated().isBefore(before)) {
                    bucket.abort(upload);
                    aborted++;
                }
            }
        } catch (IOException e) {
            log.warn("could not look for abandoned uploads in {}: {}", bucket.location(), e.getMessage());
        }
        if (aborted > 0) {
            log.info(
                    "aborted {} multipart uploads to {} begun before {} and never completed (cut off)",
                    aborted,
                    bucket.location(),
                    before);
        }
        return removed + aborted;
    }

    @Override
    public List<Stored> contents() throws IOException {
        return bucket.listed(CONTENTS).stream()
                .filter(o -> ContentAddress.sha256In(o.key()).isPresent())
                .map(o -> new Stored(o.key(), o.size(), o.lastModified()))
                .toList();
    }

    @Override
    public boolean remove(String address) throws IOException {
        return remove(address, Instant.MAX);
    }

    /** Looks again just before removing: content stored anew since the list was read (an upload) stays. */
    @Override
    public boolean remove(String address, Instant storedBefore) throws IOException {
        ContentAddress.sha256Of(address);
        forget(address);
        Optional<S3ObjectStore.Head> head = bucket.head(address);
        if (head.isEmpty()
                || (head.get().lastModified() != null
                        && !head.get().lastModified().isBefore(storedBefore))) {
            return false;
        }
        bucket.remove(address);
        return true;
    }

    @Override
    public void close() {
        bucket.close();
    }

    private static String tag(S3ObjectStore.Head head) {
        return head.eTag() + "@" + head.lastModified();
    }

    private synchronized String verifiedTag(String address) {
        return verified.get(address);
    }

    private synchronized void remember(String address, String tag) {
        verified.put(address, tag);
    }

    private synchronized void forget(String address) {
        verified.remove(address);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class S3Content implements Content {
        private final String address;
        private final long size;
        private final String eTag;

        S3Content(String address, long size, String eTag) {
            this.address = address;
            this.size = size;
            this.eTag = eTag;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public String sha256() {
            return ContentAddress.sha256Of(address);
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            InputStream in = bucket.open(address, start, length, eTag);
            return start == 0 && length == size ? new Verifying(in) : in;
        }

        /** A whole read, hashed on the way: content that differs from its address ends in an error, not in success. */
        private final class Verifying extends FilterInputStream {
            private final MessageDigest sha256 = S3DocumentStore.sha256();
            private long read;
            private boolean checked;

            Verifying(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    sha256.update(b, off, n);
                    read += n;
                    if (read >= size) {
                        checkAtEnd();
                    }
                } else if (n < 0) {
                    checkAtEnd();
                }
                return n;
            }

            private void checkAtEnd() throws IOException {
                if (checked) {
                    return;
                }
                checked = true;
                if (read != size || !HexFormat.of().formatHex(sha256.digest()).equals(sha256())) {
                    forget(address);
                    log.error(
                            "content {} in {} changed while it was served; the answer was cut off",
                            address,
                            location());
                    throw new IOException("content " + address + " does not match its address");
                }
            }
        }
    }
}
