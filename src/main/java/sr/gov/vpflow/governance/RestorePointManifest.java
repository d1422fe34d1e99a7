package sr.gov.vpflow.governance;

import java.util.List;
import sr.gov.vpflow.audit.AuditAnchor;

/**
 * What a restore point holds, written last (manifest.json, with its SHA-256 in manifest.sha256):
 * the schema as the list of applied migrations (the migrations are the schema's source) and its
 * description (schema.txt), and one binary COPY file per table with its row count and SHA-256.
 */
record RestorePointManifest(
        int format,
        String name,
        String reason,
        String createdAt,
        String schemaVersion,
        String postgresVersion,
        String database,
        String owner,
        List<Migration> migrations,
        List<String> historyTableDdl,
        String schemaFile,
        String schemaSha256,
        List<Table> tables,
        List<Sequence> sequences,
        long totalRows,
        long totalBytes,
        long durationMs,
        AuditAnchor auditCheckpoint) {

    static final int FORMAT = 1;

    /** A row of Flyway's history at the time of the restore point. */
    record Migration(
            int installedRank,
            String version,
            String description,
            String type,
            String script,
            Integer checksum,
            boolean success) {

        boolean isScript() {
            return success && version != null && "SQL".equals(type);
        }
    }

    /**
     * A table's data, in one file or, for a big table, in parts by physical position that are
     * copied side by side and restored in order.
     *
     * @param restored whether a restore brings it back: tokens (sessions among them) are not records;
     *                 none is kept or brought back, so a restore signs everyone out
     */
    record Table(String name, List<String> columns, long rows, long bytes, boolean restored, List<Part> parts) {}

    /** One file of a table: binary COPY format, its rows, size and SHA-256. */
    record Part(String file, long rows, long bytes, String sha256) {}

    record Sequence(String name, long lastValue, boolean called) {}

    long rowsOf(String table) {
        return tables.stream()
                .filter(t -> t.name().equals(table))
                .mapToLong(Table::rows)
                .findFirst()
                .orElse(-1);
    }
}
