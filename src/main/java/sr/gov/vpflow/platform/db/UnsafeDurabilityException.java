package sr.gov.vpflow.platform.db;

import java.util.List;

/** The database would not keep what it commits through a power cut: the server does not start on it. */
class UnsafeDurabilityException extends RuntimeException {

    private final List<Durability.Setting> settings;

    UnsafeDurabilityException(List<Durability.Setting> settings) {
        super("PostgreSQL runs with " + settings + ": committed records can be lost in a power cut or a crash");
        this.settings = List.copyOf(settings);
    }

    List<Durability.Setting> settings() {
        return settings;
    }
}
