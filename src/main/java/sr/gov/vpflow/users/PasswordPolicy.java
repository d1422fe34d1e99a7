package sr.gov.vpflow.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * What a password must be: long enough (NIST SP 800-63B: length over composition rules), not
 * the username, and hard to guess as a real attacker guesses: an estimate of the guesses needed
 * (nbvcxz, a port of zxcvbn) over lists of common passwords, words and names, the office's own
 * words among them (users/common-passwords.txt), keyboard patterns, sequences, repeats and dates.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    /** log2 of the guesses needed: below this, refused (nbvcxz's own default). */
    static final double MIN_ENTROPY_BITS = 35;

    private static final Nbvcxz ESTIMATOR = new Nbvcxz(new ConfigurationBuilder()
            .setDictionaries(dictionaries())
            .setMinimumEntropy(MIN_ENTROPY_BITS)
            .setLocale(Locale.ENGLISH)
            .createConfiguration());

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
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw UserException.weakPassword("it contains the username");
        }
        Result estimate = ESTIMATOR.estimate(password);
        if (!estimate.isMinimumEntropyMet()) {
            String warning = estimate.getFeedback().getWarning();
            List<String> suggestions = estimate.getFeedback().getSuggestion();
            throw UserException.weakPassword(String.format(
                    Locale.ROOT,
                    "it would be guessed too soon (about 2^%.0f guesses, 2^%.0f needed)%s%s",
                    estimate.getEntropy(),
                    MIN_ENTROPY_BITS,
                    warning == null ? "" : ": " + strip(warning),
                    suggestions == null || suggestions.isEmpty() ? "" : ". " + strip(suggestions.get(0))));
        }
    }

    private static String strip(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    private static List<Dictionary> dictionaries() {
        List<Dictionary> all = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        DictionaryBuilder office =
                new DictionaryBuilder().setDictionaryName("office").setExclusion(false);
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/users/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("users/common-passwords.txt is missing from the build");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int rank = 1;
            for (String line; (line = lines.readLine()) != null; ) {
                String word = line.strip().toLowerCase(Locale.ROOT);
                if (!word.isEmpty() && !word.startsWith("#")) {
                    office.addWord(word, rank++);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        all.add(office.createDictionary());
        return all;
    }
}
