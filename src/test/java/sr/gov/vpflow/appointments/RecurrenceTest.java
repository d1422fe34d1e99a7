package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.OfficeTime;

/** The series' rules as ical4j expands them, in Paramaribo's time. */
class RecurrenceTest {

    private static ZonedDateTime at(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).atZone(OfficeTime.ZONE);
    }

    private static List<LocalDate> days(String rule, ZonedDateTime first, int years) {
        return Recurrence.parse(rule)
                .starts(first, first.toInstant(), first.plusYears(years).toInstant())
                .stream()
                .map(ZonedDateTime::toLocalDate)
                .toList();
    }

    @Test
    void aMonthlyDayThatSomeMonthsLackIsLeftOutThereAndTheLastDayIsMinusOne() {
        assertThat(days("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4", at(2026, 12, 31, 9), 2))
                .containsExactly(
                        LocalDate.of(2026, 12, 31),
                        LocalDate.of(2027, 1, 31),
                        LocalDate.of(2027, 3, 31),
                        LocalDate.of(2027, 5, 31));
        assertThat(days("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", at(2027, 1, 31, 9), 1))
                .containsExactly(LocalDate.of(2027, 1, 31), LocalDate.of(2027, 2, 28), LocalDate.of(2027, 3, 31));
        // 2028 is a leap year
        assertThat(days("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2", at(2028, 1, 31, 9), 1))
                .containsExactly(LocalDate.of(2028, 1, 31), LocalDate.of(2028, 2, 29));
    }

    @Test
    void theFifthTuesdayOfAMonthComesOnlyInMonthsThatHaveOne() {
        assertThat(days("FREQ=MONTHLY;BYDAY=5TU;UNTIL=20271231", at(2026, 12, 29, 10), 2))
                .containsExactly(
                        LocalDate.of(2026, 12, 29),
                        LocalDate.of(2027, 3, 30),
                        LocalDate.of(2027, 6, 29),
                        LocalDate.of(2027, 8, 31),
                        LocalDate.of(2027, 11, 30));
        // the last Friday of the month, and the first Monday
        assertThat(days("FREQ=MONTHLY;BYDAY=-1FR;COUNT=2", at(2027, 1, 29, 10), 1))
                .containsExactly(LocalDate.of(2027, 1, 29), LocalDate.of(2027, 2, 26));
        assertThat(days("FREQ=MONTHLY;BYDAY=1MO;COUNT=2", at(2027, 2, 1, 10), 1))
                .containsExactly(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 3, 1));
    }

    @Test
    void aWeeklyRuleCrossesTheYearEndOnChosenWeekdaysEveryOtherWeek() {
        assertThat(days("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=6", at(2026, 12, 21, 8), 1))
                .containsExactly(
                        LocalDate.of(2026, 12, 21),
                        LocalDate.of(2026, 12, 24),
                        LocalDate.of(2027, 1, 4),
                        LocalDate.of(2027, 1, 7),
                        LocalDate.of(2027, 1, 18),
                        LocalDate.of(2027, 1, 21));
    }

    @Test
    void paramariboHasNoSummerTimeSoEveryOccurrenceKeepsItsHourAndOffset() {
        List<ZonedDateTime> starts = Recurrence.parse("FREQ=WEEKLY;BYDAY=TU")
                .starts(
                        at(2026, 12, 1, 9),
                        at(2026, 12, 1, 9).toInstant(),
                        at(2027, 12, 1, 9).toInstant());
        // 1 December 2026 and the 52 Tuesdays after it, the last on 30 November 2027
        assertThat(starts).hasSize(53);
        assertThat(starts.get(52).toLocalDate()).isEqualTo(LocalDate.of(2027, 11, 30));
        assertThat(starts).allSatisfy(s -> {
            assertThat(s.getHour()).isEqualTo(9);
            assertThat(s.getOffset()).isEqualTo(ZoneOffset.ofHours(-3));
        });
    }

    @Test
    void anEndDateMeansTheEndOfThatDayInParamariboWrittenInUtc() {
        Recurrence rule = Recurrence.parse("rrule:freq=weekly;byday=tu;until=20261215");
        assertThat(rule.rule()).isEqualTo("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261216T025959Z");
        assertThat(days(rule.rule(), at(2026, 12, 1, 20), 1))
                .containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 15));
    }

    @Test
    void aSplitEndsTheRuleJustBeforeTheNextAndCountsWhatIsLeft() {
        Recurrence rule = Recurrence.parse("BYDAY=TU;FREQ=WEEKLY;COUNT=5");
        assertThat(rule.rule()).isEqualTo("FREQ=WEEKLY;BYDAY=TU;COUNT=5");
        Instant third = at(2026, 12, 15, 9).toInstant();
        assertThat(rule.endingBefore(at(2026, 12, 1, 9), third).rule())
                .isEqualTo("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T115959Z");
        assertThat(days(rule.endingBefore(at(2026, 12, 1, 9), third).rule(), at(2026, 12, 1, 9), 1))
                .hasSize(2);
        assertThat(rule.withCountLeft(2).rule()).isEqualTo("FREQ=WEEKLY;BYDAY=TU;COUNT=3");
        // a rule that ends before already keeps its end
        assertThat(rule.endingBefore(at(2026, 12, 1, 9), at(2027, 6, 1, 9).toInstant())
                        .rule())
                .isEqualTo("FREQ=WEEKLY;BYDAY=TU;COUNT=5");
        // a series moved an hour later keeps its exact end with it
        assertThat(Recurrence.parse("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T120000Z")
                        .shifted(java.time.Duration.ofHours(1))
                        .rule())
                .isEqualTo("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T130000Z");
    }

    @Test
    void rulesThatDoNotSayOnWhichDaysOrThatAreMalformedAreRefusedWithTheReason() {
        for (String rule : List.of(
                "",
                "FREQ=HOURLY",
                "FREQ=WEEKLY;BYHOUR=9",
                "FREQ=WEEKLY;COUNT=3;UNTIL=20271231",
                "FREQ=WEEKLY;INTERVAL=0",
                "FREQ=WEEKLY;COUNT=1001",
                "FREQ=WEEKLY;BYDAY=XX",
                "FREQ=WEEKLY;UNTIL=tomorrow",
                "FREQ=WEEKLY;FREQ=DAILY",
                "FREQ")) {
            AppointmentException e = catchThrowableOfType(AppointmentException.class, () -> Recurrence.parse(rule));
            assertThat(e).as(rule).isNotNull();
            assertThat(e.code()).as(rule).isEqualTo("invalid_rule");
        }
    }
}
