package sr.gov.vpflow.platform.web;

import java.time.OffsetDateTime;

/**
 * Writes a time exactly as {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} does ({@code
 * 2026-05-01T09:30:00-03:00}, a fraction of a second only when there is one, without its trailing
 * zeros; {@code Z} for UTC), without its general machinery: the formatter turns every fraction
 * into a BigDecimal, and the API writes five times for each of a week's appointments, which made
 * a third of the agenda's server time. {@code IsoOffsetTimesTest} holds it to the JDK's formatter.
 */
final class IsoOffsetTimes {

    private IsoOffsetTimes() {}

    static String format(OffsetDateTime time) {
        StringBuilder sb = new StringBuilder(35);
        int year = time.getYear();
        if (Math.abs(year) < 10_000) {
            if (year < 0) {
                sb.append('-');
            }
            pad(sb, Math.abs(year), 4);
        } else {
            sb.append(year > 0 ? '+' : '-').append(Math.abs(year));
        }
        sb.append('-');
        pad(sb, time.getMonthValue(), 2);
        sb.append('-');
        pad(sb, time.getDayOfMonth(), 2);
        sb.append('T');
        pad(sb, time.getHour(), 2);
        sb.append(':');
        pad(sb, time.getMinute(), 2);
        sb.append(':');
        pad(sb, time.getSecond(), 2);
        int nano = time.getNano();
        if (nano != 0) {
            int digits = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                digits--;
            }
            sb.append('.');
            pad(sb, nano, digits);
        }
        int offset = time.getOffset().getTotalSeconds();
        if (offset == 0) {
            return sb.append('Z').toString();
        }
        int abs = Math.abs(offset);
        sb.append(offset < 0 ? '-' : '+');
        pad(sb, abs / 3600, 2);
        sb.append(':');
        pad(sb, abs / 60 % 60, 2);
        if (abs % 60 != 0) {
            sb.append(':');
            pad(sb, abs % 60, 2);
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }
}
