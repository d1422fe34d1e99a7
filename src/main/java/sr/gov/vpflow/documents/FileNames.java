package sr.gov.vpflow.documents;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * The original name of an uploaded file, made safe to keep and to send back: no folders, no
 * control or direction-changing characters, no leading dots, at most {@link #MAX_LENGTH}
 * characters (the extension kept), and a Content-Disposition header (RFC 6266) with an ASCII
 * {@code filename} and the exact name in {@code filename*} (RFC 8187/5987).
 */
final class FileNames {

    static final int MAX_LENGTH = 150;
    private static final int MAX_EXTENSION = 10;

    private FileNames() {}

    /** The name to keep, or null when nothing usable is left of it. */
    static String sanitize(String given) {
        if (given == null) {
            return null;
        }
        String name = Normalizer.normalize(given, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder clean = new StringBuilder(name.length());
        name.codePoints().filter(FileNames::safe).forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        name = name.replaceFirst("^[.\\s]+", "").replaceFirst("[.\\s]+$", "");
        if (name.isEmpty()) {
            return null;
        }
        return capped(name);
    }

    private static boolean safe(int c) {
        return !Character.isISOControl(c)
                && Character.getType(c) != Character.FORMAT // direction overrides, zero-width characters
                && Character.getType(c) != Character.LINE_SEPARATOR
                && Character.getType(c) != Character.PARAGRAPH_SEPARATOR
                && Character.getType(c) != Character.SURROGATE
                && Character.getType(c) != Character.PRIVATE_USE
                && Character.getType(c) != Character.UNASSIGNED
                && c != ':'
                && c != '*'
                && c != '?'
                && c != '"'
                && c != '<'
                && c != '>'
                && c != '|';
    }

    private static String capped(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION + 1 ? name.substring(dot) : "";
        String base = extension.isEmpty() ? name : name.substring(0, dot);
        int keep = MAX_LENGTH - extension.length();
        return base.substring(0, base.offsetByCodePoints(0, keep)).strip() + extension;
    }

    /** The name a download gets: the original one, or one made from the title's type. */
    static String downloadName(String original, String type) {
        if (original != null) {
            return original;
        }
        return "document." + ContentTypes.extension(type);
    }

    /** {@code attachment; filename="..."; filename*=UTF-8''...} (or {@code inline}). */
    static String contentDisposition(String disposition, String name) {
        return disposition + "; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + rfc5987(name);
    }

    static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%') {
                ascii.append((char) c);
            } else {
                ascii.append('_');
            }
        });
        return ascii.toString();
    }

    static String rfc5987(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
