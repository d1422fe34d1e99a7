package sr.gov.vpflow.backup;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which backups to keep: the newest of each of the last {@code daily} days that have a backup,
 * of each of the last {@code weekly} ISO weeks and of each of the last {@code monthly} months
 * (the usual grandfather-father-son rotation). A backup kept for any of the three stays.
 */
record Retention(int daily, int weekly, int monthly) {

    static final String PREFIX = "backup-";
    private static final Pattern NAME = Pattern.compile("backup-(\\d{8}-\\d{6})(-\\d+)?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(daily|weekly|monthly|d|w|m)");

    /** {@code 7 daily, 4 weekly, 12 monthly} (or {@code 7d 4w 12m}); a part left out keeps none of its kind. */
    static Retention parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "VPFLOW_BACKUP_KEEP is empty; for example: 7 daily, 4 weekly, 12 monthly");
        }
        int daily = 0;
        int weekly = 0;
        int monthly = 0;
        String rest = spec.strip().toLowerCase(java.util.Locale.ROOT);
        Matcher m = PART.matcher(rest);
        int at = 0;
        while (m.find()) {
            if (!rest.substring(at, m.start()).matches("[\\s,]*")) {
                break;
            }
            int n = Integer.parseInt(m.group(1));
            switch (m.group(2).charAt(0)) {
                case 'd' -> daily = n;
                case 'w' -> weekly = n;
                default -> monthly = n;
            }
            at = m.end();
        }
        if (!rest.substring(at).matches("[\\s,]*") || at == 0) {
            throw new IllegalArgumentException(
                    "VPFLOW_BACKUP_KEEP '" + spec + "' is not understood; for example: 7 daily, 4 weekly, 12 monthly");
        }
        if (daily + weekly + monthly == 0) {
            throw new IllegalArgumentException("VPFLOW_BACKUP_KEEP '" + spec + "' keeps no backup at all");
        }
        return new Retention(daily, weekly, monthly);
    }

    /** The time in a backup's name (office time), if it is a backup's name. */
    static Optional<LocalDateTime> timeOf(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), STAMP));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The names of the backups to keep among these (names that are not backups' are ignored). */
    Set<String> keep(List<String> names) {
        List<String> newestFirst = names.stream()
                .filter(n -> timeOf(n).isPresent())
                .sorted(Comparator.comparing((String n) -> timeOf(n).orElseThrow())
                        .thenComparing(Comparator.naturalOrder())
                        .reversed())
                .toList();
        Set<String> kept = new LinkedHashSet<>();
        select(newestFirst, daily, LocalDateTime::toLocalDate, kept);
        select(
                newestFirst,
                weekly,
                t -> t.get(IsoFields.WEEK_BASED_YEAR) * 100 + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                kept);
        select(newestFirst, monthly, t -> t.getYear() * 100 + t.getMonthValue(), kept);
        return kept;
    }

    private static void select(
            List<String> newestFirst, int count, Function<LocalDateTime, Object> period, Set<String> kept) {
        Object last = null;
        int taken = 0;
        for (String name : newestFirst) {
            if (taken >= count) {
                return;
            }
            Object p = period.apply(timeOf(name).orElseThrow());
            if (!p.equals(last)) {
                kept.add(name);
                taken++;
                last = p;
            }
        }
    }

    @Override
    public String toString() {
        return daily + " daily, " + weekly + " weekly, " + monthly + " monthly";
    }
}
