package sr.gov.vpflow.governance;

import java.util.List;

/**
 * The result of verifying a restore point.
 *
 * @param intact     every file is there, has its recorded SHA-256, and reads to the end with the recorded row count
 * @param restorable this build has every migration the schema was made with, unchanged
 * @param problems   what is wrong, one line each (empty when intact and restorable)
 */
public record RestorePointCheck(
        String name, boolean intact, boolean restorable, long rowsRead, int filesRead, List<String> problems) {

    public boolean ok() {
        return intact && restorable;
    }
}
