package sr.gov.vpflow.platform;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;

/** The office keeps Paramaribo time: times are stored as instants and shown in this zone. */
public final class OfficeTime {

    public static final ZoneId ZONE = ZoneId.of("America/Paramaribo");
    private static final ZoneRules RULES = ZONE.getRules();
    /**
     * Paramaribo has kept one offset since its last transition (1984) and has no rule for another:
     * from then on the offset is known without looking it up.
     */
    private static final long STEADY_FROM = RULES.getTransitionRules().isEmpty()
                    && !RULES.getTransitions().isEmpty()
            ? RULES.getTransitions().get(RULES.getTransitions().size() - 1).toEpochSecond()
            : Long.MAX_VALUE;

    private static final ZoneOffset STEADY_OFFSET =
            RULES.getOffset(java.time.Instant.ofEpochSecond(STEADY_FROM == Long.MAX_VALUE ? 0 : STEADY_FROM));

    private OfficeTime() {}

    /** The same instant with the office's offset at that instant. */
    public static OffsetDateTime inOffice(OffsetDateTime instant) {
        if (instant == null) {
            return null;
        }
        ZoneOffset offset =
                instant.toEpochSecond() >= STEADY_FROM ? STEADY_OFFSET : RULES.getOffset(instant.toInstant());
        return offset.equals(instant.getOffset()) ? instant : instant.withOffsetSameInstant(offset);
    }

    public static ZonedDateTime now(Clock clock) {
        return ZonedDateTime.now(clock.withZone(ZONE));
    }

    public static LocalDate today(Clock clock) {
        return now(clock).toLocalDate();
    }
}
