package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.audit.AuditCheckpoints;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.ActingUser;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the governance events (migration runs, restore points) in the audit log, as the system
 * with the administrator's role (an operator token) through the application's own login, so the
 * events are chained and read like every other. It needs no connection pool: a fresh install
 * records its events before the pool exists.
 */
@Component
class GovernanceAudit {

    private final ApplicationLogin login;
    private final Operators operators;
    private final AuditCheckpoints checkpoints;
    private final JsonMapper json = JsonMapper.builder().build();

    GovernanceAudit(ApplicationLogin login, Operators operators, AuditCheckpoints checkpoints) {
        this.login = login;
        this.operators = operators;
        this.checkpoints = checkpoints;
    }

    void record(String eventType, String channel, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.putIfAbsent("channel", channel);
        try (Operators.Operator operator = operators.open(Role.ADMIN, channel);
                Connection c = login.connect("governance")) {
            ActingUser.begin(c, operator.actor());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_logs (event_type, entity_type, details)"
                    + " VALUES (?, 'system', CAST(? AS jsonb))")) {
                ps.setString(1, eventType);
                ps.setString(2, json.writeValueAsString(all));
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record " + eventType + " in the audit log: " + e.getMessage(), e);
        }
        // every migration and restore point is anchored outside the database at once
        checkpoints.write(eventType, true);
    }
}
