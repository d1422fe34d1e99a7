package sr.gov.vpflow.platform.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.commons.codec.binary.Base32;

/**
 * How a one-time code app (TOTP, RFC 6238) takes its secret: the key in Base32 (RFC 4648), in
 * groups of four for typing, and the otpauth:// address that such apps read.
 */
public final class OneTimeCodeApp {

    private OneTimeCodeApp() {}

    /** The key to type into the app, in groups of four. */
    public static String key(String secretHex) {
        return base32(secretHex).replaceAll("(.{4})(?!$)", "$1 ");
    }

    /** The otpauth:// address of the account's key. */
    public static String address(String username, String secretHex) {
        return "otpauth://totp/VP-Flow:" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "?secret="
                + base32(secretHex) + "&issuer=VP-Flow&algorithm=SHA1&digits=6&period=30";
    }

    private static String base32(String secretHex) {
        return new Base32().encodeToString(HexFormat.of().parseHex(secretHex)).replace("=", "");
    }
}
