package sr.gov.vpflow.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three roles of the office (DESIGN.md section 1), each with its own database role. */
public enum Role {
    VP,
    SECRETARY,
    ADMIN;

    /** The value stored in the database and used in JSON: {@code vp}, {@code secretary}, {@code admin}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String databaseRole() {
        return "vpflow_" + code();
    }

    public static Optional<Role> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }
}
