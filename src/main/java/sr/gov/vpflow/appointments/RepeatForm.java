package sr.gov.vpflow.appointments;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the booking form repeats an appointment, as submitted: not at all, weekly on chosen
 * weekdays or monthly on the start's day or weekday of the month, every {@code interval} weeks or
 * months, until a date, for a number of times or without end. Made into an RFC 5545 rule.
 */
record RepeatForm(
        String repeat,
        Integer interval,
        List<String> weekdays,
        String monthlyBy,
        String ends,
        String until,
        Integer count,
        Boolean skipHolidays,
        Boolean bookFree) {

    private static final Set<String> DAYS = Set.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    static RepeatForm none() {
        return new RepeatForm("none", 1, List.of(), "day", "never", null, null, false, false);
    }

    boolean repeats() {
        return "weekly".equals(repeat) || "monthly".equals(repeat);
    }

    BookSeries toSeries(AppointmentForm form) {
        BookAppointment booking = form.toBooking();
        return new BookSeries(
                booking.guestId(),
                booking.subject(),
                booking.purpose(),
                booking.location(),
                booking.startsAt(),
                booking.endsAt(),
                rule(booking.startsAt().toLocalDate()),
                Boolean.TRUE.equals(skipHolidays),
                Boolean.TRUE.equals(bookFree));
    }

    /** The rule: the form's choices, the first day's weekday or day of the month where none is chosen. */
    String rule(LocalDate first) {
        StringBuilder rule = new StringBuilder();
        int every = interval == null ? 1 : interval;
        if ("weekly".equals(repeat)) {
            List<String> days = weekdays == null
                    ? List.of()
                    : weekdays.stream()
                            .map(d -> d.strip().toUpperCase(Locale.ROOT))
                            .filter(DAYS::contains)
                            .distinct()
                            .toList();
            rule.append("FREQ=WEEKLY;INTERVAL=").append(every).append(";BYDAY=");
            rule.append(days.isEmpty() ? code(first.getDayOfWeek()) : String.join(",", days));
        } else {
            rule.append("FREQ=MONTHLY;INTERVAL=").append(every);
            if ("weekday".equals(monthlyBy)) {
                rule.append(";BYDAY=")
                        .append((first.getDayOfMonth() - 1) / 7 + 1)
                        .append(code(first.getDayOfWeek()));
            } else {
                rule.append(";BYMONTHDAY=").append(first.getDayOfMonth());
            }
        }
        if ("until".equals(ends)) {
            try {
                rule.append(";UNTIL=")
                        .append(LocalDate.parse(until == null ? "" : until.strip())
                                .toString()
                                .replace("-", ""));
            } catch (DateTimeParseException e) {
                throw AppointmentException.invalidRule("Give the last day as a date.");
            }
        } else if ("count".equals(ends)) {
            rule.append(";COUNT=").append(count == null ? 0 : count);
        }
        return rule.toString();
    }

    private static String code(DayOfWeek day) {
        return day.name().substring(0, 2);
    }
}
