package sr.gov.vpflow.documents;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a document can be linked to; {@code none} keeps it stand-alone. */
public enum EntityType {
    GUEST,
    APPOINTMENT,
    CASE,
    NONE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EntityType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
    }
}
