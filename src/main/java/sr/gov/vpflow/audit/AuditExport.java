package sr.gov.vpflow.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;

/**
 * Makes the audit export of a period for an outside auditor ({@link AuditExportFile}): the
 * Vice President's (who reads every event), from the audit page, the API or the command line.
 * A checkpoint is written first, and the export ends at it, so every event in it is covered by a
 * signed checkpoint. The export itself is an audit event.
 */
@Service
public class AuditExport {

    private static final Logger log = LoggerFactory.getLogger(AuditExport.class);
    /** A period is at most this long (a year and a day). */
    private static final int MAX_DAYS = 367;

    private final JdbcClient jdbc;
    private final AuditCheckpoints checkpoints;
    private final AuditLog audit;
    private final Clock clock;

    AuditExport(JdbcClient jdbc, AuditCheckpoints checkpoints, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.clock = clock;
    }

    /** What was written: the period's events by number, how many, and the checkpoints that cover them. */
    public record Written(Long firstSeq, Long lastSeq, long events, int checkpoints) {}

    /** The file name an export of this period goes by. */
    public static String fileName(String from, String to) {
        return "vpflow-audit-" + from + "-" + to + ".zip";
    }

    /**
     * Writes the export of the days {@code from} to {@code to} (yyyy-mm-dd, inclusive, office
     * time) to {@code out}.
     */
    @Transactional(isolation = Isolation.REPEATABLE_READ)
    public Written write(String from, String to, OutputStream out) throws IOException {
        if (ActorContext.current().map(a -> a.role() != Role.VP).orElse(true)) {
            throw ProblemException.forbidden("forbidden", "The audit export is the Vice President's.");
        }
        if (from == null
                || from.isBlank()
                || to == null
                || to.isBlank()
                || from.strip().length() != 10
                || to.strip().length() != 10) {
            throw ProblemException.badRequest(
                    "invalid_period", "Give the period as two dates, from and to (yyyy-mm-dd).");
        }
        OffsetDateTime start = AuditPeriod.from(from, "from");
        OffsetDateTime end = AuditPeriod.to(to, "to");
        if (!start.isBefore(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw ProblemException.badRequest(
                    "invalid_period", "The period runs from a day to the same or a later day, a year at most.");
        }
        // the export ends at a checkpoint written now: every event in it is covered by one
        long head = checkpoints.checkpointNow("export").seq();
        List<AuditExportFile.Event> events = jdbc.sql("""
                        SELECT a.seq, a.occurred_at,
                               (extract(epoch FROM a.occurred_at) * 1000000)::bigint AS occurred_us,
                               a.actor_id, u.username AS actor_username, a.actor_role, a.event_type,
                               a.entity_type, a.entity_id, a.details::text AS details,
                               encode(a.prev_hash, 'hex') AS prev_hash, encode(a.hash, 'hex') AS hash
                        FROM audit_logs a LEFT JOIN user_names u ON u.id = a.actor_id
                        WHERE a.seq BETWEEN
                              (SELECT min(seq) FROM audit_logs WHERE occurred_at >= :start AND occurred_at < :end)
                          AND least(:head, (SELECT max(seq) FROM audit_logs WHERE occurred_at >= :start
                                                                              AND occurred_at < :end))
                        ORDER BY a.seq""")
                .param("start", start)
                .param("end", end)
                .param("head", head)
                .query((rs, n) -> new AuditExportFile.Event(
                        rs.getLong("seq"),
                        OfficeTime.inOffice(rs.getObject("occurred_at", OffsetDateTime.class))
                                .toString(),
                        rs.getLong("occurred_us"),
                        rs.getString("actor_id"),
                        rs.getString("actor_username"),
                        rs.getString("actor_role"),
                        rs.getString("event_type"),
                        rs.getString("entity_type"),
                        rs.getString("entity_id"),
                        rs.getString("details"),
                        rs.getString("prev_hash"),
                        rs.getString("hash")))
                .list();
        List<String> covering = covering(events);
        Map<String, byte[]> members = AuditExportFile.members(
                from.strip(),
                to.strip(),
                events,
                covering,
                checkpoints.publicKeyPem(),
                checkpoints.keyId(),
                clock.instant().toString(),
                checkpoints::sign);
        AuditExportFile.zip(members, out);
        Written written = new Written(
                events.isEmpty() ? null : events.get(0).seq(),
                events.isEmpty() ? null : events.get(events.size() - 1).seq(),
                events.size(),
                covering.size());
        audit.record(AuditEvent.of("audit_exported", "system", null)
                .with("from", from.strip())
                .with("to", to.strip())
                .with("events", written.events()));
        log.info(
                "audit export {} to {}: events {} to {} ({}), {} checkpoints",
                from,
                to,
                written.firstSeq(),
                written.lastSeq(),
                written.events(),
                written.checkpoints());
        return written;
    }

    /**
     * The checkpoint lines, as written, that cover these events: those whose events overlap them,
     * and the first at or after the last of them; only of the history since the newest restore.
     */
    private List<String> covering(List<AuditExportFile.Event> events) throws IOException {
        List<String> kept = new ArrayList<>();
        if (events.isEmpty()) {
            return kept;
        }
        long first = events.get(0).seq();
        long last = events.get(events.size() - 1).seq();
        List<AuditCheckpoints.Entry> history = AuditCheckpoints.history(checkpoints.entries());
        List<String> current = history.stream().map(AuditCheckpoints.Entry::raw).toList();
        List<AuditCheckpoints.Checkpoint> parsed =
                history.stream().map(AuditCheckpoints.Entry::checkpoint).toList();
        boolean closed = false;
        for (int i = 0; i < parsed.size() && !closed; i++) {
            AuditCheckpoints.Checkpoint c = parsed.get(i);
            long lowest = c.events() == null || c.events().isEmpty()
                    ? c.seq()
                    : Long.parseLong(
                            c.events().get(0).substring(0, c.events().get(0).indexOf(':')));
            if (c.seq() >= first && lowest <= last) {
                kept.add(current.get(i));
            }
            closed = c.seq() >= last;
        }
        return kept;
    }
}
