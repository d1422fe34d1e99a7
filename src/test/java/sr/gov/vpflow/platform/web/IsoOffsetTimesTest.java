package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.OfficeTime;

class IsoOffsetTimesTest {

    @Test
    void writesEveryTimeExactlyAsTheJdksIsoFormatterDoes() {
        Random random = new Random(20261130L);
        List<ZoneId> zones = List.of(
                OfficeTime.ZONE,
                ZoneOffset.UTC,
                ZoneId.of("Asia/Kolkata"),
                ZoneId.of("Europe/Amsterdam"),
                ZoneOffset.ofHoursMinutesSeconds(-3, -40, -40),
                ZoneOffset.ofHoursMinutes(14, 0));
        long from = Instant.parse("1700-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2300-01-01T00:00:00Z").getEpochSecond();
        int[] nanos = {0, 1, 10, 500_000_000, 123_456_000, 123_456_789, 999_999_999, 100_000, 120_000_000};
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(
                    from + (long) (random.nextDouble() * (to - from)),
                    i % 3 == 0 ? nanos[random.nextInt(nanos.length)] : random.nextInt(1_000_000_000));
            OffsetDateTime time = OffsetDateTime.ofInstant(instant, zones.get(i % zones.size()));
            assertThat(IsoOffsetTimes.format(time))
                    .as("%s", time)
                    .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
    }

    @Test
    void writesYearsBeyondFourDigitsAndBeforeTheEraAsTheJdkDoes() {
        for (String text : List.of(
                "+12345-01-02T03:04:05Z",
                "-0001-12-31T23:59:59.5+01:00",
                "0000-01-01T00:00:00-03:00",
                "9999-12-31T23:59:59.999999999-03:30")) {
            OffsetDateTime time = OffsetDateTime.parse(text);
            assertThat(IsoOffsetTimes.format(time)).isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
    }

    @Test
    void theOfficeTimeOfAnInstantIsTheZonesOffsetThen() {
        OffsetDateTime utc = OffsetDateTime.parse("2026-05-01T12:00:00Z");
        assertThat(OfficeTime.inOffice(utc))
                .isEqualTo(utc.atZoneSameInstant(OfficeTime.ZONE).toOffsetDateTime());
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            OffsetDateTime any = OffsetDateTime.ofInstant(
                    Instant.ofEpochSecond(-2_300_000_000L + (long) (random.nextDouble() * 12_000_000_000L), 0),
                    ZoneOffset.UTC);
            assertThat(OfficeTime.inOffice(any))
                    .as("%s", any)
                    .isEqualTo(any.atZoneSameInstant(OfficeTime.ZONE).toOffsetDateTime());
        }
        OffsetDateTime old = OffsetDateTime.parse("1975-05-01T12:00:00Z");
        assertThat(OfficeTime.inOffice(old).getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-3, -30));
    }
}
