package sr.gov.vpflow.platform;

/** How the office's searches compare a word with a text: accents and case aside, by LIKE. */
public final class SearchTerms {

    private SearchTerms() {}

    /**
     * The SQL of a bound word as the search texts are made ({@code search_key}: no accents, lower
     * case), its LIKE wildcards escaped after that, so that a character that search_key turns into
     * one ({@code ％} into {@code %}) stays a literal character.
     */
    public static String likeTerm(String parameter) {
        return "replace(replace(replace(search_key(:" + parameter + "), '\\', '\\\\'), '%', '\\%'), '_', '\\_')";
    }
}
