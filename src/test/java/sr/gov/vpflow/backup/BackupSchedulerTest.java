package sr.gov.vpflow.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackupSchedulerTest {

    private static BackupSettings schedule(String schedule) {
        return new BackupSettings(schedule, "7 daily", null, null);
    }

    @Test
    void readsASixFieldCronExpressionOrOff() {
        assertThat(BackupScheduler.parse(schedule("0 0 2 * * *"))).hasToString("0 0 2 * * *");
        assertThat(BackupScheduler.parse(schedule("0 30 1 * * MON-FRI"))).isNotNull();
        assertThat(BackupScheduler.parse(schedule("off"))).isNull();
        assertThat(BackupScheduler.parse(schedule("OFF"))).isNull();
        assertThat(BackupScheduler.parse(schedule(""))).isNull();
    }

    @Test
    void refusesWhatIsNoScheduleWithAMessageThatSaysHowToWriteOne() {
        for (String bad : new String[] {"nightly", "0 2 * * *", "0 0 25 * * *"}) {
            assertThatThrownBy(() -> BackupScheduler.parse(schedule(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("VPFLOW_BACKUP_SCHEDULE '" + bad + "'")
                    .hasMessageContaining("0 0 2 * * *");
        }
    }
}
