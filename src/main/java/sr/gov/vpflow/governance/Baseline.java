package sr.gov.vpflow.governance;

import java.util.List;
import java.util.Map;

/**
 * The database as it was just before a plan's migrations: its schema description, a digest of
 * every table's rows, the results of the v1.0 queries and the audit log's head. Validation
 * compares the migrated database with it.
 */
record Baseline(
        List<String> schema,
        Map<String, String> tables,
        Map<String, QueryResult> queries,
        long auditHead,
        int historyRank,
        long auditOrphans) {

    /** A query's result: how many rows and the SHA-256 of all their values, or why it failed. */
    record QueryResult(long rows, String sha256, String error, long durationMs) {

        boolean sameAs(QueryResult other) {
            return error == null && other.error == null && rows == other.rows && sha256.equals(other.sha256);
        }
    }
}
