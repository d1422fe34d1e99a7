package sr.gov.vpflow.cases;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import sr.gov.vpflow.platform.Role;

/**
 * The states of a case and its legal moves. The database holds the same rules as data
 * ({@code case_state_transitions}) and refuses an illegal move whoever asks; this class says why
 * before it comes to that.
 */
public enum CaseState {
    OPEN,
    IN_PROGRESS,
    CLOSED;

    /** target states per state, and whether only the Vice President may make the move */
    private static final Map<CaseState, Map<CaseState, Boolean>> MOVES = Map.of(
            OPEN, Map.of(IN_PROGRESS, false, CLOSED, true),
            IN_PROGRESS, Map.of(OPEN, false, CLOSED, true),
            CLOSED, Map.of());

    /** The value stored in the database and used in JSON: {@code open}, {@code in_progress}, {@code closed}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaseState> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    public boolean canMoveTo(CaseState target) {
        return MOVES.get(this).containsKey(target);
    }

    /** The states a role may move a case in this state to. */
    public Set<CaseState> movesFor(Role role) {
        return MOVES.get(this).entrySet().stream()
                .filter(move -> !move.getValue() || role == Role.VP)
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Refuses a move that is not legal, or that the role may not make. */
    void checkMove(CaseState target, Role role) {
        if (!canMoveTo(target)) {
            throw CaseException.invalidTransition(this, target);
        }
        if (MOVES.get(this).get(target) && role != Role.VP) {
            throw CaseException.onlyTheVpCloses();
        }
    }
}
