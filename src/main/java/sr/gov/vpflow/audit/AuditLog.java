package sr.gov.vpflow.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.platform.ActorContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records audit events. It joins the caller's transaction and refuses to run without one, so an
 * event is committed together with the change it describes, or not at all.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditEvent event) {
        Map<String, Object> details = new LinkedHashMap<>(event.details());
        ActorContext.current().ifPresent(actor -> details.putIfAbsent("channel", actor.channel()));
        jdbc.sql("""
                        INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
                        VALUES (:type, :entityType, :entityId, CAST(:details AS jsonb))""")
                .param("type", event.type())
                .param("entityType", event.entityType())
                .param("entityId", event.entityId())
                .param("details", json.writeValueAsString(details))
                .update();
    }
}
