package sr.gov.vpflow.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Files written so that a crash never leaves a half-written one under its final name: write to a
 * temporary name, force it to disk, rename atomically, force the folder. Every file and folder
 * VP-Flow writes is its owner's only (where the file system has POSIX permissions).
 */
public final class SafeFiles {

    private SafeFiles() {}

    public static void writeString(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] content) {
        try {
            if (!Files.isDirectory(file.getParent())) {
                privateDirectory(file.getParent());
            }
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try (OutputStream out =
                    Files.newOutputStream(Files.createFile(tmp, ownerOnlyFile(tmp)), StandardOpenOption.WRITE)) {
                out.write(content);
            }
            force(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes a rename or a new file in the folder durable (works on Linux and the BSDs). */
    public static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems refuse to open a folder for syncing; the rename is still atomic
            if (!e.getClass().getSimpleName().equals("AccessDeniedException")) {
                throw e;
            }
        }
    }

    /** For creating a file that its owner alone may read and write (none on a file system without POSIX permissions). */
    public static FileAttribute<?>[] ownerOnlyFile(Path where) {
        return where.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    /** Creates the folder if needed, readable by the owner only (where the file system has POSIX permissions). */
    public static void privateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Publishes a folder that was written completely under a temporary name. */
    public static void publishDirectory(Path tmp, Path target) throws IOException {
        forceDirectory(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.getParent());
    }

    /** Removes a folder this process wrote and did not publish (an interrupted restore point). */
    public static void removeUnpublished(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished " + dir, e);
        }
    }
}
