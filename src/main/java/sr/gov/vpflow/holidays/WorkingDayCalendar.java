package sr.gov.vpflow.holidays;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Working-day arithmetic over a set of holidays: a working day is a Monday to Friday that is no
 * holiday. Immutable; made for one request from the holidays in force.
 */
public final class WorkingDayCalendar {

    /** Far enough for any due date; a count beyond it is refused by the callers' validation. */
    public static final int MAX_WORKING_DAYS = 1000;

    private final TreeMap<LocalDate, Holiday> holidays;

    public WorkingDayCalendar(Collection<Holiday> holidays) {
        TreeMap<LocalDate, Holiday> byDay = new TreeMap<>();
        holidays.forEach(h -> byDay.put(h.day(), h));
        this.holidays = byDay;
    }

    /** Weekends only: for a database without the holiday calendar (before v1.2). */
    public static WorkingDayCalendar weekendsOnly() {
        return new WorkingDayCalendar(java.util.List.of());
    }

    public boolean isWorkingDay(LocalDate day) {
        return isWeekday(day) && !holidays.containsKey(day);
    }

    /** The holiday on a day, if it is one. */
    public Optional<Holiday> holiday(LocalDate day) {
        return Optional.ofNullable(holidays.get(day));
    }

    /**
     * The day that is {@code workingDays} working days after {@code from} ({@code from} itself not
     * counted): 1 working day after a Friday is the Monday, unless that is a holiday. With 0, the
     * first working day from {@code from} on.
     */
    public LocalDate plusWorkingDays(LocalDate from, int workingDays) {
        if (workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
            throw new IllegalArgumentException("working days out of range: " + workingDays);
        }
        LocalDate day = from;
        if (workingDays == 0) {
            while (!isWorkingDay(day)) {
                day = day.plusDays(1);
            }
            return day;
        }
        int left = workingDays;
        while (left > 0) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        return day;
    }

    /**
     * The working days from {@code today} to a due date: the working days after today up to and
     * including the due date (0 when it is due today or on the next non-working days), negative by
     * the working days it is overdue (after the due date up to and including today, at least 1).
     */
    public int workingDaysLeft(LocalDate today, LocalDate due) {
        if (due.equals(today)) {
            return 0;
        }
        if (due.isAfter(today)) {
            return countWorkingDays(today, due);
        }
        // overdue is overdue, even on a weekend right after the due date
        return -Math.max(1, countWorkingDays(due, today));
    }

    /**
     * Working days in (from, to]: the weekdays, counted by whole weeks (a case years overdue costs
     * no more than one due tomorrow), less the holidays among them.
     */
    private int countWorkingDays(LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        long weekdays = days / 7 * 5;
        for (LocalDate d = from.plusDays(days / 7 * 7 + 1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWeekday(d)) {
                weekdays++;
            }
        }
        long holidaysOnWeekdays = holidays.subMap(from, false, to, true).keySet().stream()
                .filter(WorkingDayCalendar::isWeekday)
                .count();
        return (int) (weekdays - holidaysOnWeekdays);
    }

    private static boolean isWeekday(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }
}
