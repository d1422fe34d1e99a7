package sr.gov.vpflow.guests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Before and after values of the fields an edit changed, for the audit event. */
final class Changes {

    private final Map<String, Object> changes = new LinkedHashMap<>();

    Changes compare(String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", from);
            change.put("to", to);
            changes.put(field, change);
        }
        return this;
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    Map<String, Object> asMap() {
        return changes;
    }
}
