package sr.gov.vpflow.appointments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * A series' rule: an RFC 5545 RRULE in Paramaribo's time (no summer time there), read and
 * expanded by ical4j. The rule says on which days; the time of day and the length come from the
 * series' first occurrence, so rule parts below a day are refused. An end is written as UNTIL in
 * UTC (as RFC 5545 requires for a start with a time zone); a date alone means the end of that day
 * in Paramaribo.
 */
final class Recurrence {

    /** The most occurrences one rule may make (COUNT). */
    static final int MAX_COUNT = 1000;

    /** The most starts one expansion gives: a daily series of over a century. */
    private static final int MAX_EXPANSION = 50_000;

    private static final Set<String> FREQUENCIES = Set.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY");
    private static final Set<String> PARTS =
            Set.of("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST", "UNTIL", "COUNT");
    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Map<String, String> parts;
    private final Recur<ZonedDateTime> recur;

    private Recurrence(Map<String, String> parts) {
        this.parts = parts;
        this.recur = new Recur<>(text(parts));
    }

    /** Reads a rule as a request gives it; refuses what VP-Flow does not book (problem invalid_rule). */
    static Recurrence parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw AppointmentException.invalidRule("The rule is required, such as FREQ=WEEKLY;BYDAY=TU.");
        }
        String given = rule.strip();
        if (given.regionMatches(true, 0, "RRULE:", 0, 6)) {
            given = given.substring(6);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : given.toUpperCase(java.util.Locale.ROOT).split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw AppointmentException.invalidRule("Each part of the rule is NAME=value: " + part + ".");
            }
            String name = part.substring(0, eq);
            if (!PARTS.contains(name)) {
                throw AppointmentException.invalidRule("The rule part " + name
                        + " is not used here: the time of day comes from the first occurrence.");
            }
            if (parts.put(name, part.substring(eq + 1)) != null) {
                throw AppointmentException.invalidRule("The rule names " + name + " twice.");
            }
        }
        String frequency = parts.get("FREQ");
        if (frequency == null || !FREQUENCIES.contains(frequency)) {
            throw AppointmentException.invalidRule("FREQ is DAILY, WEEKLY, MONTHLY or YEARLY.");
        }
        if (parts.containsKey("UNTIL") && parts.containsKey("COUNT")) {
            throw AppointmentException.invalidRule("A rule ends by UNTIL or by COUNT, not both.");
        }
        number(parts, "INTERVAL", 1, 99);
        number(parts, "COUNT", 1, MAX_COUNT);
        if (parts.containsKey("UNTIL")) {
            parts.put("UNTIL", UTC.format(until(parts.get("UNTIL"))));
        }
        try {
            return new Recurrence(parts);
        } catch (IllegalArgumentException e) {
            throw AppointmentException.invalidRule("The rule is not valid: " + e.getMessage());
        }
    }

    /** The rule as stored and written in the feed (UNTIL in UTC). */
    String rule() {
        return text(parts);
    }

    /** Whether the rule has an end (UNTIL or COUNT). */
    boolean ends() {
        return parts.containsKey("UNTIL") || parts.containsKey("COUNT");
    }

    Integer count() {
        return parts.containsKey("COUNT") ? Integer.valueOf(parts.get("COUNT")) : null;
    }

    /**
     * The starts of the occurrences in [from, to), for a series whose first occurrence starts at
     * {@code first}.
     */
    List<ZonedDateTime> starts(ZonedDateTime first, Instant from, Instant to) {
        ZonedDateTime seed = first.withZoneSameInstant(OfficeTime.ZONE);
        ZonedDateTime start = from.atZone(OfficeTime.ZONE);
        ZonedDateTime end = to.atZone(OfficeTime.ZONE);
        if (!end.isAfter(start)) {
            return List.of();
        }
        List<ZonedDateTime> starts = new ArrayList<>();
        for (ZonedDateTime date : recur.getDates(seed, start, end, MAX_EXPANSION)) {
            ZonedDateTime inOffice = date.withZoneSameInstant(OfficeTime.ZONE);
            if (!inOffice.toInstant().isBefore(from) && inOffice.toInstant().isBefore(to)) {
                starts.add(inOffice);
            }
        }
        return starts;
    }

    /** The first occurrence at or after {@code start}, if the rule gives one within a few years. */
    ZonedDateTime firstFrom(ZonedDateTime start) {
        List<ZonedDateTime> starts =
                starts(start, start.toInstant(), start.plusYears(10).toInstant());
        return starts.isEmpty() ? null : starts.get(0);
    }

    /**
     * The same rule ending just before {@code next} (for a series whose first occurrence starts at
     * {@code first}): the occurrences from there on belong to another, or to none. A rule that
     * ends before already stays as it is.
     */
    Recurrence endingBefore(ZonedDateTime first, Instant next) {
        if (ends()
                && starts(first, next, next.plus(java.time.Duration.ofDays(366L * 200)))
                        .isEmpty()) {
            return this;
        }
        Map<String, String> ended = new LinkedHashMap<>(parts);
        ended.remove("COUNT");
        ended.put("UNTIL", UTC.format(next.minusSeconds(1)));
        return new Recurrence(ended);
    }

    /** The same rule for a series moved by {@code shift} within its days: an exact UNTIL moves with it. */
    Recurrence shifted(java.time.Duration shift) {
        if (!parts.containsKey("UNTIL") || shift.isZero()) {
            return this;
        }
        Map<String, String> moved = new LinkedHashMap<>(parts);
        moved.put(
                "UNTIL", UTC.format(UTC.parse(parts.get("UNTIL"), Instant::from).plus(shift)));
        return new Recurrence(moved);
    }

    /** The same rule with COUNT lowered by the occurrences already taken, for the series split off. */
    Recurrence withCountLeft(int taken) {
        if (!parts.containsKey("COUNT")) {
            return this;
        }
        Map<String, String> left = new LinkedHashMap<>(parts);
        left.put("COUNT", Integer.toString(Math.max(1, count() - taken)));
        return new Recurrence(left);
    }

    private static Instant until(String value) {
        try {
            if (value.length() == 8) {
                LocalDate day = LocalDate.parse(value, DATE);
                return day.atTime(LocalTime.MAX.withNano(0))
                        .atZone(OfficeTime.ZONE)
                        .toInstant();
            }
            if (value.endsWith("Z")) {
                return UTC.parse(value, Instant::from);
            }
            return java.time.LocalDateTime.parse(value, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
                    .atZone(OfficeTime.ZONE)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw AppointmentException.invalidRule("UNTIL is a date (20271231) or a time (20271231T170000Z).");
        }
    }

    private static void number(Map<String, String> parts, String name, int min, int max) {
        String value = parts.get(name);
        if (value == null) {
            return;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < min || n > max) {
            throw AppointmentException.invalidRule(name + " is a number from " + min + " to " + max + ".");
        }
    }

    /** The rule's text, FREQ first (as RFC 5545 writes it and the database checks). */
    private static String text(Map<String, String> parts) {
        StringBuilder rule = new StringBuilder("FREQ=").append(parts.get("FREQ"));
        parts.forEach((name, value) -> {
            if (!name.equals("FREQ")) {
                rule.append(';').append(name).append('=').append(value);
            }
        });
        return rule.toString();
    }
}
