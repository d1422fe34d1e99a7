package sr.gov.vpflow.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a module tells the audit log about the events of its records, so that the log can put them
 * into words and link them without knowing the module: each module that records events about an
 * entity type publishes one as a bean. The words themselves are message keys
 * ({@code audit.event.<type>}, {@code audit.field.<field>}, {@code audit.value.<field>.<code>}).
 */
public interface AuditVocabulary {

    /** The entity type of the events this describes ({@code case}, {@code guest}, ...). */
    String entityType();

    /** The page of a record, or null when it has none. */
    default String link(UUID id) {
        return null;
    }

    /** The details that name the record in the event's sentence, the first present wins. */
    default List<String> subjectKeys() {
        return List.of();
    }

    /** The order in which an edit's changes are listed, as on the module's form; others follow. */
    default List<String> fieldOrder() {
        return List.of();
    }

    /** Fields whose values are codes with a name of their own in each language. */
    default Set<String> codedFields() {
        return Set.of();
    }

    /** Details told on lines of their own, by event type (why a case was re-opened). */
    default Map<String, List<String>> notes() {
        return Map.of();
    }
}
