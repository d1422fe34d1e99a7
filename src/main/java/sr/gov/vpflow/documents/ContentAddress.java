package sr.gov.vpflow.documents;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address of a content in any document store: {@code sha256/ab/cd/<64 hex>}, named by the
 * SHA-256 of its bytes. The records keep it; a store finds the content by it.
 */
final class ContentAddress {

    static final Pattern PATTERN = Pattern.compile("sha256/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{64})");

    private ContentAddress() {}

    /** The address of the content with this SHA-256 (hex). */
    static String of(String sha256) {
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
    }

    /** The SHA-256 an address names; empty when the text is no content address. */
    static Optional<String> sha256In(String address) {
        Matcher m = address == null ? null : PATTERN.matcher(address);
        if (m == null || !m.matches() || !m.group(3).startsWith(m.group(1) + m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(m.group(3));
    }

    /** The SHA-256 an address names, which must be one. */
    static String sha256Of(String address) {
        return sha256In(address).orElseThrow(() -> new IllegalArgumentException("not a content address"));
    }
}
