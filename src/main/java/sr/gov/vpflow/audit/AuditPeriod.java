package sr.gov.vpflow.audit;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.ProblemException;

/**
 * The bounds of a period as people give them: a date ({@code 2026-03-14}, a whole day in
 * Paramaribo) or a moment with its offset ({@code 2026-03-14T09:30:00-03:00}).
 */
final class AuditPeriod {

    private AuditPeriod() {}

    /** The first moment of the period: the start of the day, or the moment itself. */
    static OffsetDateTime from(String value, String parameter) {
        return parse(value, parameter, false);
    }

    /** The first moment after the period: the start of the next day, or just after the moment. */
    static OffsetDateTime to(String value, String parameter) {
        return parse(value, parameter, true);
    }

    private static OffsetDateTime parse(String value, String parameter, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day)
                        .atStartOfDay(OfficeTime.ZONE)
                        .toOffsetDateTime();
            }
            OffsetDateTime moment = OffsetDateTime.parse(text);
            return end ? moment.plusNanos(1000) : moment;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(
                            "invalid_parameter",
                            "The value of '" + parameter + "' is not a date (yyyy-mm-dd) or a time with offset.")
                    .with("parameter", parameter);
        }
    }
}
