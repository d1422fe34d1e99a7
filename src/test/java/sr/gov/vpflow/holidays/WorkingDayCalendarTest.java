package sr.gov.vpflow.holidays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

    private static Holiday holiday(String day) {
        return new Holiday(UUID.randomUUID(), LocalDate.parse(day), "feestdag", "holiday");
    }

    /** Suriname's fixed holidays around the turn of 2026/2027, and Keti Koti. */
    private final WorkingDayCalendar calendar = new WorkingDayCalendar(
            List.of(holiday("2026-07-01"), holiday("2026-12-25"), holiday("2026-12-26"), holiday("2027-01-01")));

    private static LocalDate d(String day) {
        return LocalDate.parse(day);
    }

    @Test
    void weekendsAndHolidaysAreNoWorkingDays() {
        assertThat(calendar.isWorkingDay(d("2026-06-30"))).isTrue(); // Tuesday
        assertThat(calendar.isWorkingDay(d("2026-07-01"))).isFalse(); // Keti Koti, a Wednesday
        assertThat(calendar.isWorkingDay(d("2026-07-04"))).isFalse(); // Saturday
        assertThat(calendar.isWorkingDay(d("2026-07-05"))).isFalse(); // Sunday
        assertThat(calendar.holiday(d("2026-07-01"))).isPresent();
        assertThat(calendar.holiday(d("2026-07-02"))).isEmpty();
    }

    @Test
    void countingSkipsWeekendsAndHolidays() {
        // Friday + 1 = Monday
        assertThat(calendar.plusWorkingDays(d("2026-07-03"), 1)).isEqualTo(d("2026-07-06"));
        // Tuesday + 1 skips Keti Koti
        assertThat(calendar.plusWorkingDays(d("2026-06-30"), 1)).isEqualTo(d("2026-07-02"));
        // a week of working days from a Monday with a holiday in it ends on the next Tuesday
        assertThat(calendar.plusWorkingDays(d("2026-06-29"), 5)).isEqualTo(d("2026-07-07"));
        // from a holiday itself
        assertThat(calendar.plusWorkingDays(d("2026-07-01"), 1)).isEqualTo(d("2026-07-02"));
    }

    @Test
    void countingCrossesTheYearEnd() {
        // Thursday 24 December + 2: Christmas (Fri), Boxing Day (Sat), Sunday skipped -> Tue 29th
        assertThat(calendar.plusWorkingDays(d("2026-12-24"), 2)).isEqualTo(d("2026-12-29"));
        // Wednesday 30 December + 2: New Year's Day (Fri) and the weekend skipped -> Monday 4 January 2027
        assertThat(calendar.plusWorkingDays(d("2026-12-30"), 2)).isEqualTo(d("2027-01-04"));
        assertThat(calendar.workingDaysLeft(d("2026-12-24"), d("2027-01-04"))).isEqualTo(5);
    }

    @Test
    void zeroMeansTheFirstWorkingDayFromThatDayOn() {
        assertThat(calendar.plusWorkingDays(d("2026-07-01"), 0)).isEqualTo(d("2026-07-02"));
        assertThat(calendar.plusWorkingDays(d("2026-07-02"), 0)).isEqualTo(d("2026-07-02"));
        assertThatThrownBy(() -> calendar.plusWorkingDays(d("2026-07-02"), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingDaysLeftCountsToADueDateOnAHolidayAndOverdueDays() {
        // due on Keti Koti itself, seen from the Friday before: Monday and Tuesday are left
        assertThat(calendar.workingDaysLeft(d("2026-06-26"), d("2026-07-01"))).isEqualTo(2);
        assertThat(calendar.workingDaysLeft(d("2026-07-01"), d("2026-07-01"))).isZero();
        // due Tuesday 30 June, today Thursday 2 July: Keti Koti does not count, 1 working day overdue
        assertThat(calendar.workingDaysLeft(d("2026-07-02"), d("2026-06-30"))).isEqualTo(-1);
        // due Friday, today Saturday: overdue all the same
        assertThat(calendar.workingDaysLeft(d("2026-07-04"), d("2026-07-03"))).isEqualTo(-1);
        assertThat(WorkingDayCalendar.weekendsOnly().workingDaysLeft(d("2026-06-30"), d("2026-07-02")))
                .isEqualTo(2);
    }

    @Test
    void countingByWeeksAgreesWithCountingDayByDayOverYears() {
        LocalDate from = d("2024-12-20");
        for (LocalDate to = from; to.isBefore(d("2028-02-01")); to = to.plusDays(1)) {
            int byDays = 0;
            for (LocalDate x = from.plusDays(1); !x.isAfter(to); x = x.plusDays(1)) {
                if (calendar.isWorkingDay(x)) {
                    byDays++;
                }
            }
            assertThat(calendar.workingDaysLeft(from, to)).as("to %s", to).isEqualTo(byDays);
        }
    }
}
