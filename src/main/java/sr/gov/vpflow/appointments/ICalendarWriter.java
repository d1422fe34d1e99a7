package sr.gov.vpflow.appointments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes iCalendar text (RFC 5545): CRLF line ends, lines folded at 75 octets without splitting a
 * character, TEXT values escaped, times in UTC. Small on purpose: the feed needs nothing more.
 */
final class ICalendarWriter {

    static final String CRLF = "\r\n";
    private static final int MAX_OCTETS = 75;
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final java.time.ZoneId OFFICE = sr.gov.vpflow.platform.OfficeTime.ZONE;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final StringBuilder out = new StringBuilder();

    ICalendarWriter begin(String component) {
        return property("BEGIN", component);
    }

    ICalendarWriter end(String component) {
        return property("END", component);
    }

    /** A property whose value is written as given (names, codes, numbers, durations). */
    ICalendarWriter property(String name, String value) {
        out.append(fold(name + ":" + value)).append(CRLF);
        return this;
    }

    /** A TEXT property; nothing is written for an empty value. */
    ICalendarWriter text(String name, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        return property(name, escape(value));
    }

    /** A DATE-TIME property in UTC, such as {@code DTSTART:20260501T130000Z}. */
    ICalendarWriter utc(String name, Instant time) {
        return property(name, UTC.format(time));
    }

    /**
     * A DATE-TIME property, or a list of them, in Paramaribo's time with its TZID, such as
     * {@code EXDATE;TZID=America/Paramaribo:20261208T100000}: a rule's days are the office's days.
     */
    ICalendarWriter office(String name, java.util.List<java.time.OffsetDateTime> times) {
        StringBuilder value = new StringBuilder();
        for (java.time.OffsetDateTime time : times) {
            value.append(value.isEmpty() ? "" : ",").append(LOCAL.format(time.atZoneSameInstant(OFFICE)));
        }
        return property(name + ";TZID=" + OFFICE.getId(), value.toString());
    }

    /** The office's time zone (no summer time since 1984), for events written in it. */
    ICalendarWriter officeTimeZone() {
        return begin("VTIMEZONE")
                .property("TZID", OFFICE.getId())
                .begin("STANDARD")
                .property("DTSTART", "19840101T000000")
                .property("TZOFFSETFROM", "-0300")
                .property("TZOFFSETTO", "-0300")
                .property("TZNAME", "-03")
                .end("STANDARD")
                .end("VTIMEZONE");
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** Escapes a TEXT value: backslash, semicolon, comma and line breaks; other control characters are dropped. */
    static String escape(String value) {
        String normalised = value.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder escaped = new StringBuilder(normalised.length() + 16);
        normalised.codePoints().forEach(c -> {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                default -> {
                    if (c == '\t' || (c >= 0x20 && c != 0x7f)) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }

    /**
     * Folds a content line so that no line is longer than 75 octets in UTF-8: each continuation
     * line starts with one space, and a character is never split between lines.
     */
    static String fold(String line) {
        StringBuilder folded = new StringBuilder(line.length() + 8);
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int c = line.codePointAt(i);
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MAX_OCTETS) {
                folded.append(CRLF).append(' ');
                octets = 1;
            }
            folded.appendCodePoint(c);
            octets += size;
            i += Character.charCount(c);
        }
        return folded.toString();
    }
}
