package sr.gov.vpflow.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.holidays.WorkingDayCalendar;
import sr.gov.vpflow.platform.FieldErrors.FieldError;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * A due date given as a number of working days from a date ({@code due_in_working_days}, and
 * {@code due_from}, today in Paramaribo when left out): weekends and the holidays of the calendar
 * are skipped, and the request goes on with the {@code due_date} that comes out. Giving both a due
 * date and a number of working days is refused.
 */
@Component
class DueDates {

    static final String WORKING_DAYS = "due_in_working_days";
    static final String FROM = "due_from";

    private final HolidayService holidays;
    private final Clock clock;

    DueDates(HolidayService holidays, Clock clock) {
        this.holidays = holidays;
        this.clock = clock;
    }

    Map<String, Object> resolve(Map<String, ?> body) {
        // before v1.2 there is no calendar: the members are as unknown as any other
        if (!holidays.available() || !body.containsKey(WORKING_DAYS) && !body.containsKey(FROM)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> same = (Map<String, Object>) body;
            return same;
        }
        Map<String, Object> resolved = new LinkedHashMap<>(body);
        Object rawDays = resolved.remove(WORKING_DAYS);
        Object rawFrom = resolved.remove(FROM);
        List<FieldError> problems = new ArrayList<>();
        Integer days = days(rawDays, problems);
        LocalDate from = from(rawFrom, problems);
        if (days == null && problems.isEmpty()) {
            if (rawFrom != null && !(rawFrom instanceof String s && s.isBlank())) {
                problems.add(new FieldError(WORKING_DAYS, "required", null));
            }
            throwIfAny(problems);
            return resolved;
        }
        Object dueDate = resolved.get("due_date");
        if (days != null && dueDate != null && !(dueDate instanceof String s && s.isBlank())) {
            problems.add(new FieldError(WORKING_DAYS, "conflicts_with_due_date", null));
        }
        throwIfAny(problems);
        LocalDate start = from == null ? OfficeTime.today(clock) : from;
        WorkingDayCalendar calendar = holidays.calendar(start, start);
        resolved.put("due_date", calendar.plusWorkingDays(start, days).toString());
        return resolved;
    }

    private static Integer days(Object raw, List<FieldError> problems) {
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return null;
        }
        long value;
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            value = ((Number) raw).longValue();
        } else if (raw instanceof String s && s.strip().matches("\\d{1,6}")) {
            value = Long.parseLong(s.strip());
        } else {
            problems.add(new FieldError(WORKING_DAYS, "invalid_value", null));
            return null;
        }
        if (value < 1 || value > WorkingDayCalendar.MAX_WORKING_DAYS) {
            problems.add(new FieldError(WORKING_DAYS, "out_of_range", WorkingDayCalendar.MAX_WORKING_DAYS));
            return null;
        }
        return (int) value;
    }

    private static LocalDate from(Object raw, List<FieldError> problems) {
        if (raw == null || raw instanceof String s && s.isBlank()) {
            return null;
        }
        if (raw instanceof String s) {
            try {
                LocalDate from = LocalDate.parse(s.strip());
                if (from.getYear() < 2000 || from.getYear() > 2200) {
                    problems.add(new FieldError(FROM, "out_of_range", null));
                    return null;
                }
                return from;
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        problems.add(new FieldError(FROM, "invalid_date", null));
        return null;
    }

    private static void throwIfAny(List<FieldError> problems) {
        if (!problems.isEmpty()) {
            throw CaseException.invalidFields(problems);
        }
    }
}
