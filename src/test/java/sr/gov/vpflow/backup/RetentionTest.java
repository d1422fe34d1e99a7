package sr.gov.vpflow.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Test
    void readsTheRuleInWordsOrLetters() {
        assertThat(Retention.parse("7 daily, 4 weekly, 12 monthly")).isEqualTo(new Retention(7, 4, 12));
        assertThat(Retention.parse("7d 4w 12m")).isEqualTo(new Retention(7, 4, 12));
        assertThat(Retention.parse(" 3 Daily ")).isEqualTo(new Retention(3, 0, 0));
        assertThat(Retention.parse("2 monthly,1 daily")).isEqualTo(new Retention(1, 0, 2));
    }

    @Test
    void refusesARuleItDoesNotUnderstandOrThatKeepsNothing() {
        for (String bad :
                new String[] {"", "seven daily", "7 yearly", "7 daily and more", "daily", "0 daily, 0 weekly"}) {
            assertThatThrownBy(() -> Retention.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("VPFLOW_BACKUP_KEEP");
        }
    }

    @Test
    void keepsTheNewestOfEachDayWeekAndMonth() {
        // two backups a day (02:00 and a manual one at 14:00) for 100 days up to Monday 30 November 2026
        List<String> names = new ArrayList<>();
        LocalDateTime last = LocalDateTime.of(2026, 11, 30, 14, 0);
        for (int day = 0; day < 100; day++) {
            names.add(name(last.minusDays(day).withHour(2)));
            names.add(name(last.minusDays(day)));
        }
        names.add("manual-20261130-100000"); // not a backup: never touched
        var kept = new Retention(7, 4, 12).keep(names);
        assertThat(kept)
                .contains(
                        // the seven days: the newest of each
                        name(last), name(last.minusDays(6)))
                .doesNotContain(name(last.withHour(2)), name(last.minusDays(7)), "manual-20261130-100000");
        // weekly: the newest of each of the last 4 ISO weeks (Sundays before the current Monday)
        assertThat(kept).contains(name(last.minusDays(1)), name(last.minusDays(8)), name(last.minusDays(15)));
        // monthly: the newest of November, October, September, August (the oldest is 22 August)
        assertThat(kept)
                .contains(name(LocalDateTime.of(2026, 10, 31, 14, 0)), name(LocalDateTime.of(2026, 9, 30, 14, 0)));
        assertThat(kept).contains(name(LocalDateTime.of(2026, 8, 31, 14, 0)));
        assertThat(kept).doesNotContain(name(LocalDateTime.of(2026, 8, 22, 14, 0)));
        // 7 days + 2 more weeks (the newest of this week and of the last are days already) + 3 more months
        assertThat(kept).hasSize(7 + 2 + 3);
    }

    @Test
    void oneDailyKeepsOnlyTheNewest() {
        List<String> names = List.of("backup-20261130-020000", "backup-20261130-020000-2", "backup-20261129-020000");
        assertThat(new Retention(1, 0, 0).keep(names)).containsExactly("backup-20261130-020000-2");
        assertThat(Retention.timeOf("backup-20261399-020000")).isEmpty();
        assertThat(Retention.timeOf("before-restore-20261130-020000")).isEmpty();
    }

    private static String name(LocalDateTime t) {
        return "backup-" + t.format(STAMP);
    }
}
