package sr.gov.vpflow.platform;

import java.util.Locale;

/** What a token the database issued is for (the table access_tokens, column kind). */
public enum TokenKind {
    /** the web session: the cookie is the token; it ends when idle or too old */
    SESSION,
    /** one request of a script that sent its password; ended with the request */
    BASIC,
    /** a personal access token its user made */
    API,
    /** the private address of a calendar feed: reads the agenda, nothing else */
    FEED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenKind of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
