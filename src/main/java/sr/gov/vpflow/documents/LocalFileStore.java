package sr.gov.vpflow.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document store on the local file system (or a shared one mounted on every instance):
 * {@code <root>/sha256/ab/cd/<64 hex>}, owner-only. An upload is written to {@code <root>/.tmp},
 * hashed and counted on the way, forced to disk and renamed into place, so an address holds
 * complete content or nothing. A temporary file is locked by the process writing it; files that
 * no process holds any more (an upload cut off by a crash) are removed by {@link
 * #cleanAbandonedUploads}, which is safe while other instances write into the same store.
 *
 * <p>Reads are checked against the address: the whole file is hashed the first time this process
 * serves it and again whenever its identity on disk (device, inode, size, modification and change
 * time) differs from the one last verified; {@link #check} always hashes it all.
 */
final class LocalFileStore implements DocumentStore {

    private static final Logger log = LoggerFactory.getLogger(LocalFileStore.class);
    static final String TEMPORARY = ".tmp";
    private static final String UPLOAD_PREFIX = "upload-";
    private static final String UPLOAD_SUFFIX = ".part";
    private static final int BUFFER = 256 * 1024;
    private static final int VERIFIED_MAX = 100_000;

    /** Temporary files this JVM is writing: never touched by its own cleaner (closing a second channel would drop the lock). */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final Path temporary;
    private final boolean posix;
    private final Map<String, Identity> verified = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Identity> eldest) {
            return size() > VERIFIED_MAX;
        }
    };

    LocalFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.temporary = this.root.resolve(TEMPORARY);
        try {
            this.posix = Files.getFileStore(existing(this.root)).supportsFileAttributeView("posix");
            createDirectories(this.root);
            createDirectories(this.temporary);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot prepare the document store in " + this.root + " (VPFLOW_STORAGE_DIR)", e);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public Staged receive(InputStream content, long maxBytes) throws IOException {
        Path file = temporary.resolve(UPLOAD_PREFIX + UUID.randomUUID() + UPLOAD_SUFFIX);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(false));
        } catch (IOException e) {
            throw failure("cannot create a temporary file", e);
        }
        WRITING.add(file);
        LocalStaged staged = new LocalStaged(file, channel);
        try {
            staged.lock = channel.lock();
            MessageDigest sha256 = sha256();
            byte[] buffer = new byte[BUFFER];
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long size = 0;
            int n;
            while ((n = content.readNBytes(buffer, 0, buffer.length)) > 0) {
                size += n;
                if (size > maxBytes) {
                    throw ContentException.tooLarge(maxBytes);
                }
                sha256.update(buffer, 0, n);
                wrapped.clear().limit(n);
                write(channel, wrapped);
            }
            try {
                channel.force(true);
            } catch (IOException e) {
                throw failure("cannot flush a temporary file", e);
            }
            staged.sha256 = HexFormat.of().formatHex(sha256.digest());
            staged.size = size;
            return staged;
        } catch (IOException | RuntimeException e) {
            discard(staged);
            throw e;
        }
    }

    /** A write of the store's own, as opposed to a read of what the client sends. */
    private void write(FileChannel channel, ByteBuffer bytes) throws StoreFailure {
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw failure("cannot write a temporary file", e);
        }
    }

    private StoreFailure failure(String what, IOException e) {
        boolean full;
        try {
            String message = String.valueOf(e.getMessage());
            full = message.contains("No space left")
                    || message.contains("quota")
                    || Files.getFileStore(temporary).getUsableSpace() < BUFFER;
        } catch (IOException unreadable) {
            full = false;
        }
        return new StoreFailure(what + " in " + temporary + ": " + e.getMessage(), full, e);
    }

    @Override
    public String keep(Staged received) throws IOException {
        LocalStaged staged = (LocalStaged) received;
        String address = ContentAddress.of(staged.sha256);
        Path target = root.resolve(address);
        try {
            createDirectories(target.getParent());
            // the same way whether the content is stored already or not: an atomic rename of the
            // copy just received and hashed, over an earlier one if there is one (identical, or
            // damaged and now mended). Reading the earlier copy again first would take as long as
            // the file is big, and tell an uploader that someone else holds the same file. Its
            // new time also starts storage gc's grace period anew, so content an upload is about
            // to refer to is never removed under it.
            Files.move(staged.file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(target.getParent());
            remember(address, identity(target));
            return address;
        } catch (IOException e) {
            throw failure("cannot keep content", e);
        } finally {
            discard(staged);
        }
    }

    @Override
    public void discard(Staged received) {
        LocalStaged staged = (LocalStaged) received;
        try {
            staged.channel.close();
        } catch (IOException e) {
            log.warn("could not close the temporary upload file {}: {}", staged.file.getFileName(), e.getMessage());
        }
        try {
            Files.deleteIfExists(staged.file);
        } catch (IOException e) {
            log.warn("could not remove the temporary upload file {}: {}", staged.file.getFileName(), e.getMessage());
        } finally {
            WRITING.remove(staged.file);
        }
    }

    @Override
    public Content open(String address, long expectedSize) {
        if (ContentAddress.sha256In(address).isEmpty()) {
            throw ContentException.corrupt(); // a record that names no content of this store
        }
        Path file = resolve(address);
        Identity identity;
        try {
            identity = identity(file);
        } catch (NoSuchFileException e) {
            forget(address);
            throw ContentException.missing();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (identity.size() != expectedSize) {
            forget(address);
            throw ContentException.corrupt();
        }
        if (!identity.equals(verifiedIdentity(address))) {
            switch (check(address, expectedSize)) {
                case MISSING -> throw ContentException.missing();
                case CORRUPT -> throw ContentException.corrupt();
                case UNREADABLE -> throw ContentException.unavailable();
                case INTACT -> {}
            }
        }
        return new LocalContent(address, file, expectedSize);
    }

    @Override
    public Check check(String address, long expectedSize) {
        if (ContentAddress.sha256In(address).isEmpty()) {
            return Check.CORRUPT; // a record that names no content of this store
        }
        Path file = resolve(address);
        try {
            Identity before = identity(file);
            if (before.size() != expectedSize) {
                forget(address);
                return Check.CORRUPT;
            }
            String actual = hash(file);
            Identity after = identity(file);
            if (!actual.equals(ContentAddress.sha256Of(address)) || !before.equals(after)) {
                forget(address);
                return Check.CORRUPT;
            }
            remember(address, after);
            return Check.INTACT;
        } catch (NoSuchFileException e) {
            forget(address);
            return Check.MISSING;
        } catch (IOException e) {
            forget(address);
            log.error("could not read content {}: {}", address, e.getMessage());
            return Check.CORRUPT;
        }
    }

    @Override
    public int cleanAbandonedUploads() {
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temporary, UPLOAD_PREFIX + "*" + UPLOAD_SUFFIX)) {
            for (Path file : files) {
                if (WRITING.contains(file) || !abandoned(file)) {
                    continue;
                }
                removed++;
            }
        } catch (IOException e) {
            log.warn("could not look for abandoned uploads in {}: {}", temporary, e.getMessage());
        }
        if (removed > 0) {
            log.info("removed {} temporary files of uploads that were cut off", removed);
        }
        return removed;
    }

    @Override
    public List<Stored> contents() throws IOException {
        Path contents = root.resolve("sha256");
        if (!Files.isDirectory(contents)) {
            return List.of();
        }
        List<Stored> stored = new ArrayList<>();
        try (Stream<Path> files = Files.walk(contents)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String address = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (ContentAddress.sha256In(address).isEmpty()) {
                    continue;
                }
                var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                stored.add(new Stored(
                        address,
                        attributes.size(),
                        attributes.lastModifiedTime().toInstant()));
            }
        }
        return stored;
    }

    @Override
    public boolean remove(String address) throws IOException {
        Path file = resolve(address);
        forget(address);
        boolean removed = Files.deleteIfExists(file);
        if (removed) {
            forceDirectory(file.getParent());
        }
        return removed;
    }

    /** Removes a temporary file if no process holds its lock, that is, no upload is writing it. */
    private static boolean abandoned(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            Files.deleteIfExists(file);
            return true;
        } catch (OverlappingFileLockException | NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            log.warn("could not remove the temporary upload file {}: {}", file.getFileName(), e.getMessage());
            return false;
        }
    }

    private Path resolve(String address) {
        ContentAddress.sha256Of(address);
        return root.resolve(address);
    }

    static String hash(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1024 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer.clear()) >= 0) {
                sha256.update(buffer.flip());
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What makes a file the same file it was: replaced, rewritten or touched, one of these changes. */
    record Identity(Object device, Object inode, long size, long modified, Object changed) {}

    private Identity identity(Path file) throws IOException {
        if (posix) {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return new Identity(
                    a.get("dev"),
                    a.get("ino"),
                    (Long) a.get("size"),
                    ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis(),
                    String.valueOf(a.get("ctime")));
        }
        var basic = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
        return new Identity(
                null, basic.fileKey(), basic.size(), basic.lastModifiedTime().toMillis(), null);
    }

    private synchronized Identity verifiedIdentity(String address) {
        return verified.get(address);
    }

    private synchronized void remember(String address, Identity identity) {
        verified.put(address, identity);
    }

    private synchronized void forget(String address) {
        verified.remove(address);
    }

    private void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir, ownerOnly(true));
            } catch (FileAlreadyExistsException e) {
                // made at the same moment by another upload
            }
        }
    }

    private FileAttribute<?>[] ownerOnly(boolean directory) {
        if (!posix) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"))
        };
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be opened; the rename is durable there by other means
            log.debug("could not force directory {} to disk: {}", dir, e.getMessage());
        }
    }

    private static Path existing(Path dir) {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? dir.getRoot() : p;
    }

    private static final class LocalStaged implements Staged, Received {
        private final Path file;
        private final FileChannel channel;
        private FileLock lock;
        private String sha256;
        private long size;

        LocalStaged(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        @Override
        public String sha256() {
            return sha256;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public Path file() {
            return file;
        }
    }

    /** Received content that is a file on this machine already, which a check can read as it is. */
    interface Received extends Staged {
        Path file();
    }

    /** Content kept as a file on this machine, which a web server can send without copying it. */
    interface OnDisk extends Content {
        Path file();
    }

    private record LocalContent(String address, Path file, long size) implements OnDisk {

        @Override
        public String sha256() {
            return ContentAddress.sha256Of(address);
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(start);
            return new Limited(Channels.newInputStream(channel), length);
        }
    }

    /** Reads at most a number of bytes of a stream. */
    static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
