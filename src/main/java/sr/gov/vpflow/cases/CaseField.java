package sr.gov.vpflow.cases;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The fields of a case that can be edited, named as in the database and the JSON API. */
public enum CaseField {
    TITLE,
    DESCRIPTION,
    PRIORITY,
    DUE_DATE,
    GUEST_ID,
    APPOINTMENT_ID,
    STATE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaseField> fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst();
    }
}
