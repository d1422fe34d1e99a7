package sr.gov.vpflow.platform;

import java.util.Objects;

/**
 * A secret that the database issued and verifies: it proves its holder to the database in every
 * transaction. It is never logged; {@link #toString()} hides it.
 */
public record AccessToken(String value) {

    public AccessToken {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "AccessToken[***]";
    }
}
