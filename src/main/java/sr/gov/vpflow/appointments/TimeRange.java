package sr.gov.vpflow.appointments;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * The {@code from} and {@code to} of an agenda query: a date (2026-05-01: the whole day in
 * Paramaribo, so {@code to} includes its day) or a time with an offset. Either may be left open.
 */
record TimeRange(OffsetDateTime from, OffsetDateTime to) {

    static TimeRange parse(String from, String to) {
        OffsetDateTime start = bound(from, false);
        OffsetDateTime end = bound(to, true);
        if (start != null && end != null && !end.isAfter(start)) {
            throw AppointmentException.invalidRange();
        }
        return new TimeRange(start, end);
    }

    private static OffsetDateTime bound(String value, boolean end) {
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
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw AppointmentException.invalidRange();
        }
    }
}
