package sr.gov.vpflow.audit;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The audit chain compared with the signed checkpoints kept outside the database.
 *
 * @param checked  checkpoints whose signature holds and that were compared with the rows
 * @param newest   the newest checkpoint (sequence number and time), if any
 * @param problems what contradicts them, one entry each: {@code signature_invalid},
 *                 {@code out_of_order} (a line that does not follow the one before it: copied,
 *                 moved or replayed),
 *                 {@code unreadable}, {@code event_changed} (the event is named when the
 *                 checkpoints hold its hash), {@code row_missing}, {@code events_lost}
 *                 (events after the newest checkpoint's number are gone; {@code count} says how many)
 */
public record CheckpointCheck(int checked, @Nullable Newest newest, List<Problem> problems) {

    public boolean ok() {
        return problems.isEmpty();
    }

    public record Newest(
            long seq, @Nullable String at, @Nullable String reason) {}

    public record Problem(
            String problem,
            @Nullable Long checkpointSeq,
            @Nullable String checkpointAt,
            @Nullable Long seq,
            @Nullable String eventType,
            @Nullable OffsetDateTime occurredAt,
            @Nullable Long count,
            @Nullable String detail) {}
}
