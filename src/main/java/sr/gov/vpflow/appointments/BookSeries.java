package sr.gov.vpflow.appointments;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The request to book a recurring appointment: the first occurrence's time, and the rule (RFC
 * 5545 RRULE, such as {@code FREQ=WEEKLY;BYDAY=TU} or {@code FREQ=MONTHLY;BYDAY=1MO;COUNT=12}) that
 * says on which days it returns. {@code skipHolidays} leaves out occurrences on public holidays;
 * {@code bookFree} books the occurrences that are free when others would overlap (otherwise none
 * is booked).
 */
public record BookSeries(
        UUID guestId,
        String subject,
        String purpose,
        String location,
        OffsetDateTime startsAt,
        OffsetDateTime endsAt,

        @Schema(example = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231")
        String rule,

        Boolean skipHolidays,
        Boolean bookFree) {}
