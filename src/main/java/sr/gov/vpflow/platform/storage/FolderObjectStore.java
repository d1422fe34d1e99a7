package sr.gov.vpflow.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import sr.gov.vpflow.platform.SafeFiles;

/**
 * Objects as files under a folder, readable by the owner only: each is written to a temporary
 * name, forced to disk and renamed into place, so a crash leaves an object whole or absent.
 */
public final class FolderObjectStore implements ObjectStore {

    private static final String TEMPORARY = ".incoming-";
    private final Path root;

    public FolderObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, Source source, long size) throws IOException {
        Path target = resolve(key);
        if (!Files.isDirectory(root)) {
            SafeFiles.privateDirectory(root); // a folder it makes is the owner's only; one it finds is left as it is
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(TEMPORARY + UUID.randomUUID());
        try {
            try (InputStream content = source.open();
                    FileChannel out = FileChannel.open(
                            tmp,
                            java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            ownerOnly())) {
                byte[] buffer = new byte[256 * 1024];
                long written = 0;
                for (int n; (n = content.read(buffer)) > 0; ) {
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    written += n;
                }
                if (written != size) {
                    throw new IOException("wrote " + written + " bytes of " + key + ", expected " + size);
                }
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            SafeFiles.forceDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        try {
            return Optional.of(Files.size(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(resolve(key));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(TEMPORARY))
                    .map(f -> root.relativize(f)
                            .toString()
                            .replace(f.getFileSystem().getSeparator(), "/"))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void remove(String key) throws IOException {
        Path file = resolve(key);
        if (Files.deleteIfExists(file)) {
            // folders left empty go too, up to the root
            for (Path dir = file.getParent(); !dir.equals(root); dir = dir.getParent()) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        break;
                    }
                }
                try {
                    Files.delete(dir);
                } catch (java.nio.file.DirectoryNotEmptyException | FileAlreadyExistsException e) {
                    break;
                }
            }
        }
    }

    @Override
    public String location() {
        return root.toString();
    }

    private Path resolve(String key) {
        Path file = root.resolve(ObjectStore.checkKey(key)).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("not an object key: " + key);
        }
        return file;
    }

    private static FileAttribute<?>[] ownerOnly() {
        return java.nio.file.FileSystems.getDefault()
                        .supportedFileAttributeViews()
                        .contains("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }
}
