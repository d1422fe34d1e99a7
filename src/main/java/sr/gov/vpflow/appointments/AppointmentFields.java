package sr.gov.vpflow.appointments;

/** The checks the database repeats as constraints, done first so that the caller hears which field is wrong. */
final class AppointmentFields {

    static final int SUBJECT = 200;
    static final int PURPOSE = 4000;
    static final int LOCATION = 200;
    static final int REASON = 1000;

    private AppointmentFields() {}

    /** The trimmed text, or null when it is empty; refused when longer than {@code max}. */
    static String optional(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            throw AppointmentException.fieldTooLong(field, max);
        }
        return text;
    }

    static String required(String field, String value, int max) {
        String text = optional(field, value, max);
        if (text == null) {
            throw AppointmentException.fieldRequired(field);
        }
        return text;
    }
}
