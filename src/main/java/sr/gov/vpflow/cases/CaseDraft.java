package sr.gov.vpflow.cases;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import sr.gov.vpflow.audit.Changes;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.FieldErrors.FieldError;

/**
 * The editable values of a case, before they are stored: where the rules about lengths and
 * required fields live, and where an edit's before/after values come from.
 */
record CaseDraft(
        String title,
        String description,
        CasePriority priority,
        LocalDate dueDate,
        UUID guestId,
        UUID appointmentId,
        CaseState state) {

    static final int TITLE_MAX = 200;
    static final int TEXT_MAX = 10_000;

    static CaseDraft of(OpenCase command) {
        return new CaseDraft(
                clean(command.title()),
                clean(command.description()),
                command.priority() == null ? CasePriority.NORMAL : command.priority(),
                command.dueDate(),
                command.guestId(),
                command.appointmentId(),
                CaseState.OPEN);
    }

    static CaseDraft of(CaseView view) {
        return new CaseDraft(
                view.title(),
                view.description(),
                view.priorityValue(),
                view.dueDate(),
                view.guestId(),
                view.appointmentId(),
                view.stateValue());
    }

    /** This draft with an edit's values applied; a field the edit leaves out keeps its value. */
    CaseDraft with(Map<CaseField, Object> values) {
        return new CaseDraft(
                values.containsKey(CaseField.TITLE) ? clean((String) values.get(CaseField.TITLE)) : title,
                values.containsKey(CaseField.DESCRIPTION)
                        ? clean((String) values.get(CaseField.DESCRIPTION))
                        : description,
                values.containsKey(CaseField.PRIORITY)
                        ? Objects.requireNonNullElse((CasePriority) values.get(CaseField.PRIORITY), priority)
                        : priority,
                values.containsKey(CaseField.DUE_DATE) ? (LocalDate) values.get(CaseField.DUE_DATE) : dueDate,
                values.containsKey(CaseField.GUEST_ID) ? (UUID) values.get(CaseField.GUEST_ID) : guestId,
                values.containsKey(CaseField.APPOINTMENT_ID)
                        ? (UUID) values.get(CaseField.APPOINTMENT_ID)
                        : appointmentId,
                values.containsKey(CaseField.STATE)
                        ? Objects.requireNonNullElse((CaseState) values.get(CaseField.STATE), state)
                        : state);
    }

    CaseDraft withGuest(UUID guest) {
        return new CaseDraft(title, description, priority, dueDate, guest, appointmentId, state);
    }

    /** The problems with the values themselves; whether guest and appointment exist is checked elsewhere. */
    List<FieldError> problems() {
        FieldErrors rules = new FieldErrors("cases.field.");
        rules.requiredText("title", title, TITLE_MAX);
        rules.text("description", description, TEXT_MAX);
        return rules.errors();
    }

    /**
     * The fields that differ, as {@code {"field": {"from": ..., "to": ...}}} with the values as
     * the JSON API writes them. The state is left out: a move is an event of its own.
     */
    static Map<String, Map<String, Object>> changes(CaseDraft before, CaseDraft after) {
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        change(changes, CaseField.TITLE, before.title, after.title);
        change(changes, CaseField.DESCRIPTION, before.description, after.description);
        change(changes, CaseField.PRIORITY, before.priority.code(), after.priority.code());
        change(changes, CaseField.DUE_DATE, text(before.dueDate), text(after.dueDate));
        change(changes, CaseField.GUEST_ID, text(before.guestId), text(after.guestId));
        change(changes, CaseField.APPOINTMENT_ID, text(before.appointmentId), text(after.appointmentId));
        return changes;
    }

    /** The values a new case starts with, leaving out the empty ones. */
    Map<String, Object> initialValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(CaseField.TITLE.code(), title);
        if (description != null) {
            values.put(CaseField.DESCRIPTION.code(), description);
        }
        values.put(CaseField.PRIORITY.code(), priority.code());
        if (dueDate != null) {
            values.put(CaseField.DUE_DATE.code(), dueDate.toString());
        }
        if (guestId != null) {
            values.put(CaseField.GUEST_ID.code(), guestId.toString());
        }
        if (appointmentId != null) {
            values.put(CaseField.APPOINTMENT_ID.code(), appointmentId.toString());
        }
        return values;
    }

    private static void change(Map<String, Map<String, Object>> changes, CaseField field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field.code(), Changes.fromTo(from, to));
        }
    }

    /** Characters as the database counts them (code points), not UTF-16 units. */
    static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Surrounding blanks go; an empty text is no text. Line breaks inside stay as they were written. */
    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
