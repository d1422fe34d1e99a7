package sr.gov.vpflow.governance;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a file in PostgreSQL's binary COPY format to the end: proves it is whole (header, every
 * tuple with the expected number of fields, trailer) and counts its rows while hashing it.
 */
final class CopyFile {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private CopyFile() {}

    record Scan(long rows, long bytes, String sha256) {}

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    /** Reads past bytes: skipping would pass them by the digest. */
    private static void skip(DataInputStream in, int length) throws IOException {
        byte[] scratch = SCRATCH.get();
        int left = length;
        while (left > 0) {
            int n = in.read(scratch, 0, Math.min(left, scratch.length));
            if (n < 0) {
                throw new EOFException();
            }
            left -= n;
        }
    }

    /** The values of one text column of a binary COPY file, in row order (nulls left out). */
    static List<String> textColumn(Path file, int columns, int column) throws IOException {
        List<String> values = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            byte[] signature = in.readNBytes(SIGNATURE.length);
            if (!Arrays.equals(signature, SIGNATURE)) {
                throw new IOException("not a binary COPY file (bad signature)");
            }
            in.readInt(); // flags
            skip(in, in.readInt());
            while (true) {
                short fields = in.readShort();
                if (fields == -1) {
                    return values;
                }
                if (fields != columns) {
                    throw new IOException("a row has " + fields + " fields, expected " + columns);
                }
                for (int i = 0; i < fields; i++) {
                    int length = in.readInt();
                    if (i == column && length >= 0) {
                        values.add(new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8));
                    } else if (length > 0) {
                        skip(in, length);
                    }
                }
            }
        } catch (EOFException e) {
            throw new IOException("the file ends early", e);
        }
    }

    static Scan scan(Path file, int columns) throws IOException {
        MessageDigest digest = sha256();
        long rows = 0;
        try (InputStream raw = Files.newInputStream(file);
                DigestInputStream hashed = new DigestInputStream(raw, digest);
                DataInputStream in = new DataInputStream(new BufferedInputStream(hashed, 1 << 20))) {
            byte[] signature = in.readNBytes(SIGNATURE.length);
            if (!Arrays.equals(signature, SIGNATURE)) {
                throw new IOException("not a binary COPY file (bad signature)");
            }
            in.readInt(); // flags
            int extension = in.readInt();
            skip(in, extension);
            while (true) {
                short fields = in.readShort();
                if (fields == -1) {
                    break;
                }
                if (fields != columns) {
                    throw new IOException("row " + (rows + 1) + " has " + fields + " fields, expected " + columns);
                }
                for (int i = 0; i < fields; i++) {
                    int length = in.readInt();
                    if (length > 0) {
                        skip(in, length);
                    } else if (length < -1) {
                        throw new IOException("row " + (rows + 1) + " has a field of length " + length);
                    }
                }
                rows++;
            }
            if (in.read() != -1) {
                throw new IOException("data after the trailer");
            }
        } catch (EOFException e) {
            throw new IOException("the file ends early, after " + rows + " rows", e);
        }
        return new Scan(rows, Files.size(file), hex(digest));
    }
}
