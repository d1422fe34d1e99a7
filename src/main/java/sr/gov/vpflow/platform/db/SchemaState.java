package sr.gov.vpflow.platform.db;

import java.util.List;

/**
 * Where the schema stands after the automatic start-up migrations.
 *
 * @param version         the newest applied migration, such as {@code 1.0.7}
 * @param freshInstall    whether this start created the schema: the database held no migration before
 * @param pendingGoverned versions that only a governed migration plan applies, not yet applied
 */
public record SchemaState(String version, boolean freshInstall, List<String> pendingGoverned) {

    public SchemaState {
        pendingGoverned = List.copyOf(pendingGoverned);
    }

    public boolean upToDate() {
        return pendingGoverned.isEmpty();
    }
}
