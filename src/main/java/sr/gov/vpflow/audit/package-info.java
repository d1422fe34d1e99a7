/** The append-only, hash-chained audit log: recording events, querying them, verifying the chain. */
package sr.gov.vpflow.audit;
