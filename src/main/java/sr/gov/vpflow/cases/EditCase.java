package sr.gov.vpflow.cases;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * An edit of a case made on the version the editor read. {@code values} holds only the fields
 * that change, each with its new value (null clears it): a {@code String} for title and
 * description, a {@link CasePriority}, a {@code LocalDate} due date, {@code UUID}s for guest and
 * appointment, a {@link CaseState} for a move between open and in progress.
 */
public record EditCase(int version, Map<CaseField, Object> values) {

    public EditCase {
        EnumMap<CaseField, Object> copy = new EnumMap<>(CaseField.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }
}
