package sr.gov.vpflow.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * Puts audit events into words for the pages, in the reader's language: who (display name),
 * when (Paramaribo time), what happened, and each change as "field: before → after".
 */
@Component
public class AuditWording {

    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final List<String> SUBJECT_KEYS = List.of("reference", "username", "full_name", "subject", "title");
    /** fields whose values are codes with a name of their own in each language */
    private static final List<String> CODED_FIELDS = List.of("state", "priority", "status", "role");
    /** the order in which changes are listed, as on the forms; fields not named here follow */
    private static final List<String> FIELD_ORDER = List.of(
            "title", "description", "priority", "due_date", "guest_id", "appointment_id", "state", "resolution");
    /** details told on lines of their own, per event type: why a case was re-opened */
    private static final Map<String, List<String>> NOTES = Map.of("case_reopened", List.of("reason"));

    private final MessageSource messages;

    AuditWording(MessageSource messages) {
        this.messages = messages;
    }

    /** An event in words. */
    public record Line(
            AuditEntry entry,
            OffsetDateTime occurredAt,
            String when,
            String who,
            String what,
            String entity,
            String entityLink,
            String channel,
            List<ChangeLine> changes,
            List<Note> notes) {}

    /** One change in words; {@code initial} for a value a new record started with (no "before"). */
    public record ChangeLine(String field, String from, String to, boolean initial) {}

    /** A detail of the event in words, such as the reason given: "Reason: ...". */
    public record Note(String field, String text) {}

    public List<Line> describe(List<AuditEntry> entries, Locale locale) {
        return entries.stream().map(e -> describe(e, locale)).toList();
    }

    public Line describe(AuditEntry entry, Locale locale) {
        OffsetDateTime at = OfficeTime.inOffice(entry.occurredAt());
        String when =
                DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss", locale).format(at);
        String who = entry.actorDisplayName() != null
                ? entry.actorDisplayName()
                : text("audit.actor." + entry.actorRole(), entry.actorRole(), locale);
        String subject = SUBJECT_KEYS.stream()
                .map(entry.details()::get)
                .filter(Objects::nonNull)
                .map(String::valueOf)
                .findFirst()
                .orElse("");
        String what = messages.getMessage(
                "audit.event." + entry.eventType(), new Object[] {subject}, entry.eventType(), locale);
        if (subject.isEmpty()) {
            // an event without a name for its record ("Document {0} viewed") reads without the gap
            what = what.replaceAll(" {2,}", " ").strip();
        }
        String entity = text("audit.entity." + entry.entityType(), entry.entityType(), locale);
        Object channel = entry.details().get("channel");
        String via = channel == null ? null : text("audit.channel." + channel, null, locale);
        Map<?, ?> labels = entry.details().get("labels") instanceof Map<?, ?> m ? m : Map.of();
        List<ChangeLine> changes = entry.changeList().stream()
                .sorted(java.util.Comparator.comparingInt(c -> order(c.field())))
                .map(c -> new ChangeLine(
                        text("audit.field." + c.field(), c.field(), locale),
                        value(c.field(), c.from(), labels, locale),
                        value(c.field(), c.to(), labels, locale),
                        c.initial()))
                .toList();
        List<Note> notes = NOTES.getOrDefault(entry.eventType(), List.of()).stream()
                .filter(key -> entry.details().get(key) != null)
                .map(key -> new Note(
                        text("audit.field." + key, key, locale),
                        String.valueOf(entry.details().get(key))))
                .toList();
        return new Line(entry, at, when, who, what, entity, link(entry), via, changes, notes);
    }

    private static int order(String field) {
        int index = FIELD_ORDER.indexOf(field);
        return index < 0 ? FIELD_ORDER.size() : index;
    }

    /** The page of the record an event is about, where there is one. */
    static String link(AuditEntry entry) {
        if (entry.entityId() == null) {
            return null;
        }
        return switch (entry.entityType()) {
            case "case" -> "/cases/" + entry.entityId();
            case "guest" -> "/guests/" + entry.entityId();
            case "appointment" -> "/appointments/" + entry.entityId();
            case "document" -> "/documents/" + entry.entityId();
            default -> null;
        };
    }

    private String value(String field, Object value, Map<?, ?> labels, Locale locale) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return text("audit.value.empty", "-", locale);
        }
        if (value instanceof Boolean b) {
            return text("audit.value." + b, b.toString(), locale);
        }
        String text = String.valueOf(value);
        if (CODED_FIELDS.contains(field)) {
            return text("audit.value." + field + "." + text, text, locale);
        }
        if (labels.get(text) != null) {
            return String.valueOf(labels.get(text));
        }
        if (DATE.matcher(text).matches()) {
            try {
                return DateTimeFormatter.ofPattern("d MMMM yyyy", locale).format(LocalDate.parse(text));
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        return text;
    }

    private String text(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }
}
