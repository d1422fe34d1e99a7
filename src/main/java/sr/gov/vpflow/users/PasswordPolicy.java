package sr.gov.vpflow.users;

import java.util.Locale;
import java.util.Set;

/**
 * What a password must be: long enough to resist guessing (NIST SP 800-63B: length over
 * composition rules), not the username, not one of the passwords everybody tries first.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = Set.of(
            "password1234",
            "123456789012",
            "qwertyuiop12",
            "welkom123456",
            "paramaribo12",
            "suriname1234",
            "wachtwoord12",
            "administrator",
            "letmein12345",
            "passwordpassword");

    private PasswordPolicy() {}

    static void check(String password, String username) {
        if (password == null || password.isBlank()) {
            throw UserException.weakPassword("it is empty");
        }
        if (password.length() < MIN_LENGTH) {
            throw UserException.weakPassword("it needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw UserException.weakPassword("it may have at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw UserException.weakPassword("it contains the username");
        }
        if (password.chars().distinct().count() < 4) {
            throw UserException.weakPassword("it repeats too few different characters");
        }
        if (COMMON.contains(lower)) {
            throw UserException.weakPassword("it is a commonly used password");
        }
    }
}
