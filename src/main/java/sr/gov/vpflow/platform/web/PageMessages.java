package sr.gov.vpflow.platform.web;

import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.ProblemException;

/** The words for a refusal on a page: {@code problem.<code>} in the user's language, else the detail. */
public final class PageMessages {

    private PageMessages() {}

    public static String of(MessageSource messages, ProblemException e, Locale locale) {
        if (e instanceof FieldErrors.Invalid invalid && !invalid.errors().isEmpty()) {
            return invalid.errors().stream()
                    .map(error -> field(messages, invalid, error, locale))
                    .distinct()
                    .collect(Collectors.joining(" "));
        }
        return messages.getMessage("problem." + e.code(), e.messageArguments(), e.getMessage(), locale);
    }

    /** One field's refusal ({@code problem.field.<code>}), the field named as the page names it. */
    public static String field(
            MessageSource messages, FieldErrors.Invalid invalid, FieldErrors.FieldError error, Locale locale) {
        Object[] arguments = {
            new DefaultMessageSourceResolvable(new String[] {invalid.label(error)}, error.field()), error.max()
        };
        return messages.getMessage(
                "problem.field." + error.code(),
                arguments,
                messages.getMessage("problem.field.invalid_value", arguments, error.message(), locale),
                locale);
    }
}
