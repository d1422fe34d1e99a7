package sr.gov.vpflow.audit;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Recomputes the audit log's hash chain in the database and names the first broken row. */
@Service
public class AuditVerifier {

    private static final Logger log = LoggerFactory.getLogger(AuditVerifier.class);
    private final JdbcClient jdbc;

    AuditVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public AuditVerification verify() {
        AuditVerification result = jdbc.sql("SELECT * FROM audit_verify()")
                .query((rs, n) -> new AuditVerification(
                        rs.getBoolean("valid"),
                        rs.getLong("checked"),
                        rs.getBoolean("valid")
                                ? null
                                : new AuditVerification.BrokenRow(
                                        rs.getLong("broken_seq"),
                                        rs.getObject("broken_id", UUID.class),
                                        rs.getString("broken_event_type"),
                                        rs.getObject("broken_occurred_at", OffsetDateTime.class),
                                        rs.getString("reason"))))
                .single();
        if (result.valid()) {
            log.info("audit chain verified: {} rows intact", result.checked());
        } else {
            log.warn(
                    "audit chain BROKEN at row {} ({}), {} rows checked",
                    result.firstBroken().seq(),
                    result.firstBroken().reason(),
                    result.checked());
        }
        return result;
    }
}
