package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Test
    void datesAreWholeDaysInParamaribo() {
        TimeRange range = TimeRange.parse("2026-05-01", "2026-05-01");
        assertThat(range.from()).isEqualTo(OffsetDateTime.parse("2026-05-01T00:00-03:00"));
        assertThat(range.to()).isEqualTo(OffsetDateTime.parse("2026-05-02T00:00-03:00"));
    }

    @Test
    void timesKeepTheirOffsetAndBoundsMayBeOpen() {
        TimeRange range = TimeRange.parse("2026-05-01T13:00:00Z", null);
        assertThat(range.from().toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-05-01T10:00-03:00").toInstant());
        assertThat(range.to()).isNull();
        assertThat(TimeRange.parse(" ", "").from()).isNull();
    }

    @Test
    void anEmptyOrUnreadableRangeIsRefused() {
        assertThatThrownBy(() -> TimeRange.parse("2026-05-02", "2026-05-01"))
                .hasFieldOrPropertyWithValue("code", "invalid_range");
        assertThatThrownBy(() -> TimeRange.parse("2026-05-01T10:00", null))
                .hasFieldOrPropertyWithValue("code", "invalid_range");
        assertThatThrownBy(() -> TimeRange.parse("morgen", null)).isInstanceOf(AppointmentException.class);
    }
}
