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
 * when (Paramaribo time), what happened, and each change as "field: before → after". What is
 * particular to a module's records (which detail names one, the order of its fields, its coded
 * values, its page) the module says in its {@link AuditVocabulary}.
 */
@Component
public class AuditWording {

    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    private final MessageSource messages;
    private final Map<String, AuditVocabulary> vocabularies;
    /** every module's subject keys, for an event (a sign-in, a system event) its own module names not */
    private final List<String> anySubject;

    AuditWording(MessageSource messages, List<AuditVocabulary> vocabularies) {
        this.messages = messages;
        this.vocabularies = vocabularies.stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(AuditVocabulary::entityType, v -> v));
        this.anySubject = vocabularies.stream()
                .sorted(java.util.Comparator.comparing(AuditVocabulary::entityType))
                .flatMap(v -> v.subjectKeys().stream())
                .distinct()
                .toList();
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
        String when = moment(at, locale);
        String who = entry.actorDisplayName() != null
                ? entry.actorDisplayName()
                : text("audit.actor." + entry.actorRole(), entry.actorRole(), locale);
        AuditVocabulary vocabulary = vocabulary(entry.entityType());
        String subject = java.util.stream.Stream.concat(vocabulary.subjectKeys().stream(), anySubject.stream())
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
                .sorted(java.util.Comparator.comparingInt(c -> order(vocabulary, c.field())))
                .map(c -> new ChangeLine(
                        text("audit.field." + c.field(), c.field(), locale),
                        value(vocabulary, c.field(), c.from(), labels, locale),
                        value(vocabulary, c.field(), c.to(), labels, locale),
                        c.initial()))
                .toList();
        List<Note> notes =
                new java.util.ArrayList<>(vocabulary.notes().getOrDefault(entry.eventType(), List.of()).stream()
                        .filter(key -> entry.details().get(key) != null)
                        .map(key -> new Note(
                                text("audit.field." + key, key, locale),
                                String.valueOf(entry.details().get(key))))
                        .toList());
        // an event dated back (the demonstration's history) says when it was really written
        if (entry.details().get("entered_at") instanceof String entered) {
            notes.add(new Note(text("audit.field.entered_at", "entered_at", locale), enteredAt(entered, locale)));
        }
        String link = entry.entityId() == null ? null : vocabulary.link(entry.entityId());
        return new Line(entry, at, when, who, what, entity, link, via, changes, notes);
    }

    /** The moment an event dated back was written (the database's own text), or that text as it is. */
    private static String enteredAt(String text, Locale locale) {
        try {
            return moment(OfficeTime.inOffice(OffsetDateTime.parse(text)), locale);
        } catch (java.time.format.DateTimeParseException e) {
            return text;
        }
    }

    private static String moment(OffsetDateTime at, Locale locale) {
        return DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss", locale).format(at);
    }

    /** What the event's module says of its events; an entity type no module describes gets none. */
    private AuditVocabulary vocabulary(String entityType) {
        AuditVocabulary vocabulary = vocabularies.get(entityType);
        return vocabulary != null ? vocabulary : () -> entityType;
    }

    private static int order(AuditVocabulary vocabulary, String field) {
        int index = vocabulary.fieldOrder().indexOf(field);
        return index < 0 ? vocabulary.fieldOrder().size() : index;
    }

    private String value(AuditVocabulary vocabulary, String field, Object value, Map<?, ?> labels, Locale locale) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return text("audit.value.empty", "-", locale);
        }
        if (value instanceof Boolean b) {
            return text("audit.value." + b, b.toString(), locale);
        }
        String text = String.valueOf(value);
        if (vocabulary.codedFields().contains(field)) {
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
