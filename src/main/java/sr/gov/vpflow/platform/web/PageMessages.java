package sr.gov.vpflow.platform.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import sr.gov.vpflow.platform.ProblemException;

/** The words for a refusal on a page: {@code problem.<code>} in the user's language, else the detail. */
public final class PageMessages {

    private PageMessages() {}

    public static String of(MessageSource messages, ProblemException e, Locale locale) {
        return messages.getMessage("problem." + e.code(), e.messageArguments(), e.getMessage(), locale);
    }
}
