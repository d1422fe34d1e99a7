package sr.gov.vpflow.cases;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import sr.gov.vpflow.audit.AuditWording.Line;

/**
 * The case page's history, drawn from the audit log: the events in words, each re-opening with
 * what happened during it grouped under its number ("Re-opening 1", from {@code case_reopened} up
 * to its {@code case_reclosed}), so that the cycles of a case that was re-opened more than once
 * are told apart. A case never re-opened has one part without a number: its history as ever.
 */
final class CaseTimeline {

    private CaseTimeline() {}

    /** A stretch of the history; {@code cycle} is the number of the re-opening it tells, or null. */
    record Part(Long cycle, List<Line> lines) {}

    /** The re-opening a re-opened case is in: who, when, why, and the resolution it took away. */
    record Reopening(long cycle, String who, OffsetDateTime at, String reason, String previousResolution) {}

    static List<Part> parts(List<Line> lines) {
        List<Part> parts = new ArrayList<>();
        Long cycle = null;
        List<Line> current = new ArrayList<>();
        long seen = 0;
        for (Line line : lines) {
            String type = line.entry().eventType();
            if (type.equals("case_reopened")) {
                seen++;
                if (!current.isEmpty()) {
                    parts.add(new Part(cycle, current));
                }
                cycle = cycle(line, seen);
                current = new ArrayList<>();
            }
            current.add(line);
            if (type.equals("case_reclosed") && cycle != null) {
                parts.add(new Part(cycle, current));
                cycle = null;
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty() || parts.isEmpty()) {
            parts.add(new Part(cycle, current));
        }
        return parts;
    }

    /** The latest re-opening, for the banner of a re-opened case; null when there is none. */
    static Reopening latest(List<Line> lines) {
        Reopening latest = null;
        long seen = 0;
        for (Line line : lines) {
            if (line.entry().eventType().equals("case_reopened")) {
                seen++;
                latest = new Reopening(
                        cycle(line, seen),
                        line.who(),
                        line.occurredAt(),
                        text(line.entry().details().get("reason")),
                        text(line.entry().details().get("previous_resolution")));
            }
        }
        return latest;
    }

    /** The number the event carries; counted along the history should it carry none. */
    private static long cycle(Line line, long counted) {
        return line.entry().details().get("cycle") instanceof Number n ? n.longValue() : counted;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
