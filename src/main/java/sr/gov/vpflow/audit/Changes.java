package sr.gov.vpflow.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Before and after values of the fields a change touched, as audit events record them:
 * {@code {"field": {"from": ..., "to": ...}}}, in the order the fields were compared.
 */
public final class Changes {

    private final Map<String, Object> changes = new LinkedHashMap<>();

    /** Adds {@code field} when {@code from} and {@code to} differ. */
    public Changes compare(String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, fromTo(from, to));
        }
        return this;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public Map<String, Object> asMap() {
        return changes;
    }

    /** One field's change: {@code {"from": ..., "to": ...}} (either may be null). */
    public static Map<String, Object> fromTo(Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        return change;
    }
}
