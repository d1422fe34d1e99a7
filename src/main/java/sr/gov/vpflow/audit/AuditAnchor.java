package sr.gov.vpflow.audit;

/**
 * A signed checkpoint of the audit chain as reports name it: the event number and hash it signed,
 * when, and the key's short name. Printed in migration reports and restore-point manifests, so
 * that whoever keeps those also keeps the chain's state at that moment outside the database.
 */
public record AuditAnchor(long seq, String hash, String at, String key) {

    static AuditAnchor of(AuditCheckpoints.Checkpoint c) {
        return new AuditAnchor(c.seq(), c.hash(), c.at(), c.key());
    }

    @Override
    public String toString() {
        return "event " + seq + ", hash " + hash + ", signed " + at + " with key " + key;
    }
}
