package sr.gov.vpflow.audit;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes the audit log's hash chain in the database and names the first broken row, then
 * compares the chain with the signed checkpoints kept outside the database: a rewrite that
 * recomputed every later hash and the head contradicts a checkpoint, and the checkpoints name the
 * event whose hash changed.
 */
@Service
public class AuditVerifier {

    private static final Logger log = LoggerFactory.getLogger(AuditVerifier.class);
    private final JdbcClient jdbc;
    private final AuditCheckpoints checkpoints;

    AuditVerifier(JdbcClient jdbc, AuditCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
    }

    @Transactional(readOnly = true)
    public AuditVerification verify() {
        AuditVerification chain = jdbc.sql("SELECT * FROM audit_verify()")
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
                                        rs.getString("reason")),
                        null))
                .single();
        CheckpointCheck against = compare(chain.checked());
        AuditVerification result =
                new AuditVerification(chain.valid() && against.ok(), chain.checked(), chain.firstBroken(), against);
        if (!chain.valid()) {
            log.warn(
                    "audit chain BROKEN at row {} ({}), {} rows checked",
                    result.firstBroken().seq(),
                    result.firstBroken().reason(),
                    result.checked());
        }
        if (!against.ok()) {
            log.warn(
                    "audit chain CONTRADICTS its checkpoints: {}",
                    against.problems().stream()
                            .map(p -> p.problem() + (p.seq() == null ? "" : " at " + p.seq()))
                            .toList());
        }
        if (result.valid()) {
            log.info("audit chain verified: {} rows intact, {} checkpoints hold", result.checked(), against.checked());
        }
        return result;
    }

    private record Row(String hash, String eventType, OffsetDateTime occurredAt) {}

    /** The chain against the checkpoints; {@code rows} events are in the table (a valid chain numbers them 1..rows). */
    private CheckpointCheck compare(long rows) {
        List<AuditCheckpoints.Entry> written;
        try {
            written = checkpoints.entries();
        } catch (IOException e) {
            return new CheckpointCheck(
                    0,
                    null,
                    List.of(new CheckpointCheck.Problem(
                            "unreadable", null, null, null, null, null, null, e.getMessage())));
        }
        String keyId = checkpoints.keyId();
        List<CheckpointCheck.Problem> problems = new ArrayList<>();
        for (AuditCheckpoints.Entry entry : written) {
            AuditCheckpoints.Checkpoint c = entry.checkpoint();
            if (c == null) {
                problems.add(new CheckpointCheck.Problem(
                        "unreadable",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "line " + entry.line() + " is not a checkpoint"));
                continue;
            }
            if (!entry.signed()) {
                problems.add(new CheckpointCheck.Problem(
                        "signature_invalid",
                        c.seq(),
                        c.at(),
                        null,
                        null,
                        null,
                        null,
                        "line " + entry.line() + ": the signature does not hold for key " + keyId));
                continue;
            }
            if (!entry.chained()) {
                // a line copied, moved or replayed (an old "restored" among them) counts for nothing
                problems.add(new CheckpointCheck.Problem(
                        "out_of_order",
                        c.seq(),
                        c.at(),
                        null,
                        null,
                        null,
                        null,
                        "line " + entry.line() + " does not follow the line before it in the log"));
            }
        }
        List<AuditCheckpoints.Checkpoint> holding = AuditCheckpoints.history(written).stream()
                .map(AuditCheckpoints.Entry::checkpoint)
                .toList();
        Set<Long> wanted = new LinkedHashSet<>();
        for (AuditCheckpoints.Checkpoint c : holding) {
            wanted.add(c.seq());
            for (String e : c.events() == null ? List.<String>of() : c.events()) {
                wanted.add(Long.parseLong(e.substring(0, e.indexOf(':'))));
            }
        }
        Map<Long, Row> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            jdbc.sql("SELECT * FROM audit_hashes(CAST(:seqs AS bigint[]))")
                    .param("seqs", wanted.stream().mapToLong(Long::longValue).toArray())
                    .query((rs, n) -> found.put(
                            rs.getLong("seq"),
                            new Row(
                                    HexFormat.of().formatHex(rs.getBytes("hash")),
                                    rs.getString("event_type"),
                                    rs.getObject("occurred_at", OffsetDateTime.class))))
                    .list();
        }
        boolean changeNamed = false;
        long lost = 0;
        AuditCheckpoints.Checkpoint lostAt = null;
        for (AuditCheckpoints.Checkpoint c : holding) {
            for (String e : c.events() == null ? List.<String>of() : c.events()) {
                long seq = Long.parseLong(e.substring(0, e.indexOf(':')));
                Row row = found.get(seq);
                if (!changeNamed && row != null && !row.hash().equals(e.substring(e.indexOf(':') + 1))) {
                    problems.add(new CheckpointCheck.Problem(
                            "event_changed",
                            c.seq(),
                            c.at(),
                            seq,
                            row.eventType(),
                            row.occurredAt(),
                            null,
                            "the event differs from what the checkpoint of " + c.at() + " signed"));
                    changeNamed = true;
                }
            }
            if (c.seq() == 0) {
                continue;
            }
            Row head = found.get(c.seq());
            if (head == null) {
                if (c.seq() > rows) {
                    if (c.seq() - rows > lost) {
                        lost = c.seq() - rows;
                        lostAt = c;
                    }
                } else {
                    problems.add(new CheckpointCheck.Problem(
                            "row_missing",
                            c.seq(),
                            c.at(),
                            c.seq(),
                            null,
                            null,
                            null,
                            "the checkpointed event is gone"));
                }
            } else if (!head.hash().equals(c.hash()) && !changeNamed) {
                problems.add(new CheckpointCheck.Problem(
                        "event_changed",
                        c.seq(),
                        c.at(),
                        null,
                        null,
                        null,
                        null,
                        "an event at or before " + c.seq() + " differs from what the checkpoint of " + c.at()
                                + " signed"));
                changeNamed = true;
            }
        }
        if (lostAt != null) {
            problems.add(new CheckpointCheck.Problem(
                    "events_lost",
                    lostAt.seq(),
                    lostAt.at(),
                    rows + 1,
                    null,
                    null,
                    lost,
                    lost + " events after " + rows + " are gone; the checkpoint of " + lostAt.at() + " signed "
                            + lostAt.seq()));
        }
        AuditCheckpoints.Checkpoint newest = holding.isEmpty() ? null : holding.get(holding.size() - 1);
        return new CheckpointCheck(
                holding.size(),
                newest == null ? null : new CheckpointCheck.Newest(newest.seq(), newest.at(), newest.reason()),
                List.copyOf(problems));
    }
}
