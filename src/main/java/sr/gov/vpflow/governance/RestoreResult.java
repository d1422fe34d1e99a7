package sr.gov.vpflow.governance;

/**
 * A completed restore.
 *
 * @param safetyRestorePoint the restore point of the state that the restore replaced, so nothing is lost
 */
public record RestoreResult(
        String name, String safetyRestorePoint, String schemaVersion, long rows, int tables, long durationMs) {}
