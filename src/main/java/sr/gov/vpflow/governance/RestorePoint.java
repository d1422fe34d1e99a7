package sr.gov.vpflow.governance;

import java.nio.file.Path;
import sr.gov.vpflow.audit.AuditAnchor;

/** A restore point as listed: a complete copy of the database, schema and data, with its manifest. */
public record RestorePoint(
        String name,
        String createdAt,
        String reason,
        String schemaVersion,
        int tables,
        long rows,
        long bytes,
        long durationMs,
        Path folder,
        AuditAnchor auditCheckpoint) {

    static RestorePoint of(RestorePointManifest m, Path folder) {
        return new RestorePoint(
                m.name(),
                m.createdAt(),
                m.reason(),
                m.schemaVersion(),
                m.tables().size(),
                m.totalRows(),
                m.totalBytes(),
                m.durationMs(),
                folder,
                m.auditCheckpoint());
    }
}
