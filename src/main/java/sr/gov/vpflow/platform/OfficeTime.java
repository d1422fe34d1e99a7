package sr.gov.vpflow.platform;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The office keeps Paramaribo time: times are stored as instants and shown in this zone. */
public final class OfficeTime {

    public static final ZoneId ZONE = ZoneId.of("America/Paramaribo");

    private OfficeTime() {}

    public static OffsetDateTime inOffice(OffsetDateTime instant) {
        return instant == null ? null : instant.atZoneSameInstant(ZONE).toOffsetDateTime();
    }

    public static ZonedDateTime now(Clock clock) {
        return ZonedDateTime.now(clock.withZone(ZONE));
    }

    public static LocalDate today(Clock clock) {
        return now(clock).toLocalDate();
    }
}
