package sr.gov.vpflow.cases;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How urgent a case is. */
public enum CasePriority {
    LOW,
    NORMAL,
    HIGH,
    URGENT;

    /** The value stored in the database and used in JSON: {@code low}, {@code normal}, {@code high}, {@code urgent}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CasePriority> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code().equals(code)).findFirst();
    }
}
