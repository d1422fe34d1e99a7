package sr.gov.vpflow.cases;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import sr.gov.vpflow.platform.FieldErrors.FieldError;

/**
 * Turns what a client sent (a JSON object or a form's fields, by their column names) into typed
 * commands, naming every field whose value has the wrong type or shape. An empty text counts as
 * no value.
 */
final class CaseInput {

    private static final Pattern UUID_FORMAT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Set<CaseField> OPENING_FIELDS = EnumSet.complementOf(EnumSet.of(CaseField.STATE));

    private final List<FieldError> problems = new ArrayList<>();
    private boolean reopening;

    private CaseInput() {}

    static OpenCase opening(Map<String, ?> body) {
        CaseInput input = new CaseInput();
        Map<CaseField, Object> values = input.values(body, OPENING_FIELDS, Set.of());
        input.textRules(values, true);
        input.throwIfAny();
        return new OpenCase(
                (String) values.get(CaseField.TITLE),
                (String) values.get(CaseField.DESCRIPTION),
                (CasePriority) values.get(CaseField.PRIORITY),
                (java.time.LocalDate) values.get(CaseField.DUE_DATE),
                (UUID) values.get(CaseField.GUEST_ID),
                (UUID) values.get(CaseField.APPOINTMENT_ID));
    }

    /**
     * An edit; {@code reopening} says whether the database knows the state {@code reopened}
     * (v1.1-A): without it that value is as unknown as any other.
     */
    static EditCase edit(Map<String, ?> body, boolean reopening) {
        CaseInput input = new CaseInput();
        input.reopening = reopening;
        Map<CaseField, Object> values = input.values(body, EnumSet.allOf(CaseField.class), Set.of("version"));
        Integer version = input.version(body.get("version"));
        input.textRules(values, false);
        input.throwIfAny();
        if (version == null) {
            throw CaseException.versionRequired();
        }
        return new EditCase(version, values);
    }

    static CloseCase closing(Map<String, ?> body) {
        CaseInput input = new CaseInput();
        for (String name : body.keySet()) {
            if (!name.equals("resolution") && !name.equals("version")) {
                input.problems.add(new FieldError(name, "unknown_field", null));
            }
        }
        String resolution = input.text("resolution", body.get("resolution"));
        Integer version = input.version(body.get("version"));
        input.throwIfAny();
        return new CloseCase(resolution, version);
    }

    static ReopenCase reopening(Map<String, ?> body) {
        CaseInput input = new CaseInput();
        for (String name : body.keySet()) {
            if (!name.equals("reason") && !name.equals("version")) {
                input.problems.add(new FieldError(name, "unknown_field", null));
            }
        }
        String reason = input.text("reason", body.get("reason"));
        Integer version = input.version(body.get("version"));
        input.throwIfAny();
        return new ReopenCase(reason, version);
    }

    private Map<CaseField, Object> values(Map<String, ?> body, Set<CaseField> allowed, Set<String> alsoAllowed) {
        Map<CaseField, Object> values = new EnumMap<>(CaseField.class);
        body.forEach((name, raw) -> {
            CaseField field = CaseField.fromCode(name).orElse(null);
            if (field == null || !allowed.contains(field)) {
                if (!alsoAllowed.contains(name)) {
                    problems.add(new FieldError(name, "unknown_field", null));
                }
                return;
            }
            int before = problems.size();
            Object value = switch (field) {
                case TITLE, DESCRIPTION -> text(name, raw);
                case PRIORITY -> priority(name, raw);
                case DUE_DATE -> date(name, raw);
                case GUEST_ID, APPOINTMENT_ID -> id(name, raw);
                case STATE -> state(name, raw);
            };
            if (problems.size() == before) {
                values.put(field, value);
            }
        });
        return values;
    }

    /**
     * The rules about the texts themselves (required, length), so that a form shows them together
     * with the problems of the other fields; the service applies them again to every command.
     */
    private void textRules(Map<CaseField, Object> values, boolean titleRequired) {
        Map<CaseField, Object> texts = new EnumMap<>(CaseField.class);
        for (CaseField field : List.of(CaseField.TITLE, CaseField.DESCRIPTION)) {
            if (values.containsKey(field)) {
                texts.put(field, values.get(field));
            } else if (field == CaseField.TITLE && titleRequired) {
                texts.put(field, null);
            }
        }
        CaseDraft probe = new CaseDraft("-", null, CasePriority.NORMAL, null, null, null, CaseState.OPEN);
        problems.addAll(probe.with(texts).problems());
    }

    private String text(String name, Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s) {
            return s;
        }
        problems.add(new FieldError(name, "invalid_value", null));
        return null;
    }

    private String code(String name, Object raw) {
        String text = text(name, raw);
        return text == null || text.isBlank() ? null : text.strip();
    }

    private CasePriority priority(String name, Object raw) {
        String code = code(name, raw);
        if (code == null) {
            return null;
        }
        return CasePriority.fromCode(code).orElseGet(() -> {
            problems.add(new FieldError(name, "invalid_value", null));
            return null;
        });
    }

    private CaseState state(String name, Object raw) {
        String code = code(name, raw);
        if (code == null) {
            return null;
        }
        return CaseState.fromCode(code, reopening).orElseGet(() -> {
            problems.add(new FieldError(name, "invalid_value", null));
            return null;
        });
    }

    private LocalDate date(String name, Object raw) {
        String text = code(name, raw);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new FieldError(name, "invalid_date", null));
            return null;
        }
    }

    private UUID id(String name, Object raw) {
        String text = code(name, raw);
        if (text == null) {
            return null;
        }
        if (!UUID_FORMAT.matcher(text).matches()) {
            problems.add(new FieldError(name, "invalid_id", null));
            return null;
        }
        return UUID.fromString(text);
    }

    private Integer version(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Integer n && n >= 0) {
            return n;
        }
        if (raw instanceof String s && s.strip().matches("\\d{1,9}")) {
            return Integer.valueOf(s.strip());
        }
        problems.add(new FieldError("version", "invalid_value", null));
        return null;
    }

    private void throwIfAny() {
        if (!problems.isEmpty()) {
            throw CaseException.invalidFields(problems);
        }
    }
}
