package sr.gov.vpflow.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * The one shape of invalid input in every module: the rules of a command's fields are checked
 * together and every field that breaks one is named, as {@code 400 validation_failed} with
 * {@code errors: [{field, code, max?, message}]}. The database repeats the rules as constraints;
 * checking them first lets the caller hear which field is wrong.
 *
 * <p>Field codes: {@code required}, {@code too_long} (with {@code max}), {@code invalid_value},
 * {@code invalid_date}, {@code invalid_id}, {@code invalid_email}, {@code unknown_field} (a member
 * the operation does not know), {@code not_editable} (a member that changes another way), and a
 * module's own, such as the cases' {@code guest_mismatch}.
 *
 * <p>Texts are trimmed; an empty text counts as no value.
 */
public final class FieldErrors {

    private static final Pattern EMAIL_FORMAT = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final String labels;
    private final List<FieldError> errors = new ArrayList<>();

    /**
     * @param labels the prefix of the message keys that name a field on the pages, such as
     *     {@code guests.field.}
     */
    public FieldErrors(String labels) {
        this.labels = labels;
    }

    /** The trimmed text, or null when it is empty; too long is noted and gives null. */
    public String text(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            errors.add(new FieldError(field, "too_long", max));
            return null;
        }
        return text;
    }

    /** As {@link #text}, and a missing or empty text is noted as {@code required}. */
    public String requiredText(String field, String value, int max) {
        int before = errors.size();
        String text = text(field, value, max);
        if (text == null && errors.size() == before) {
            add(field, "required");
        }
        return text;
    }

    /** An optional e-mail address: one {@code @}, no spaces. */
    public String email(String field, String value, int max) {
        String email = text(field, value, max);
        if (email != null && !EMAIL_FORMAT.matcher(email).matches()) {
            add(field, "invalid_email");
            return null;
        }
        return email;
    }

    public FieldErrors add(String field, String code) {
        errors.add(new FieldError(field, code, null));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The fields noted so far, for a module that reports them with its own exception. */
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Refuses the command when any field broke a rule, naming them all. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new Invalid(errors, labels);
        }
    }

    /** A command refused for one field alone. */
    public static Invalid one(String labels, String field, String code) {
        return one(labels, new FieldError(field, code, null));
    }

    public static Invalid one(String labels, FieldError error) {
        return new Invalid(List.of(error), labels);
    }

    /** A command refused for the fields named, such as a form's. */
    public static Invalid of(String labels, List<FieldError> errors) {
        return new Invalid(errors, labels);
    }

    /** The {@code errors} member of the problem: each field with its code and words for a developer. */
    public static List<Map<String, Object>> body(List<FieldError> errors) {
        return errors.stream()
                .map(e -> {
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("field", e.field());
                    member.put("code", e.code());
                    if (e.max() != null) {
                        member.put("max", e.max());
                    }
                    member.put("message", e.message());
                    return member;
                })
                .toList();
    }

    /** What is wrong with one field. */
    public record FieldError(String field, String code, Integer max) {

        public String message() {
            return switch (code) {
                case "required" -> field + " is required";
                case "too_long" -> field + " has more than " + max + " characters";
                case "invalid_date" -> field + " is not a date (yyyy-mm-dd)";
                case "invalid_id" -> field + " is not a uuid";
                case "invalid_email" -> field + " is not an e-mail address";
                case "unknown_field" -> field + " is not a member this operation knows";
                case "not_editable" -> field + " cannot be changed here";
                case "guest_mismatch" -> "the guest is not the guest of the appointment";
                case "conflicts_with_due_date" -> field + " and due_date cannot both be given";
                case "out_of_range" -> field + " is out of range" + (max == null ? "" : " (at most " + max + ")");
                default -> field + " has a value that is not allowed";
            };
        }
    }

    /** {@code 400 validation_failed}: the fields that broke a rule, for the API and for a form. */
    public static final class Invalid extends ProblemException {

        private final List<FieldError> errors;
        private final String labels;

        Invalid(List<FieldError> errors, String labels) {
            super(HttpStatus.BAD_REQUEST, "validation_failed", "Some fields are not valid.");
            this.errors = List.copyOf(errors);
            this.labels = labels;
            with("errors", body(this.errors));
        }

        public List<FieldError> errors() {
            return errors;
        }

        /** The message key that names the field on a page. */
        public String label(FieldError error) {
            return labels + error.field();
        }
    }
}
