package sr.gov.vpflow.cases;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import sr.gov.vpflow.platform.Role;

/**
 * The states of a case and its legal moves. The database holds the same rules as data
 * ({@code case_state_transitions}) and refuses an illegal move whoever asks; this class says why
 * before it comes to that. {@link #REOPENED} exists only on a v1.1-A database: callers offer it
 * only where {@code SchemaFeatures.isReopening()} says so ({@link #offered(boolean)}).
 */
public enum CaseState {
    OPEN,
    IN_PROGRESS,
    CLOSED,
    REOPENED;

    /** target states per state, and whether only the Vice President may make the move */
    private static final Map<CaseState, Map<CaseState, Boolean>> MOVES = Map.of(
            OPEN, Map.of(IN_PROGRESS, false, CLOSED, true),
            IN_PROGRESS, Map.of(OPEN, false, CLOSED, true),
            CLOSED, Map.of(REOPENED, true),
            REOPENED, Map.of(CLOSED, true));

    /** The value stored in the database and used in JSON: {@code open}, {@code in_progress}, {@code closed}, {@code reopened}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CaseState> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    /** A state the database has: {@code reopened} only when it carries v1.1-A. */
    public static Optional<CaseState> fromCode(String code, boolean reopening) {
        return fromCode(code).filter(s -> s != REOPENED || reopening);
    }

    /** The states a database has, in their order: without {@code reopened} under v1.0. */
    public static List<CaseState> offered(boolean reopening) {
        return Arrays.stream(values()).filter(s -> s != REOPENED || reopening).toList();
    }

    public boolean canMoveTo(CaseState target) {
        return MOVES.get(this).containsKey(target);
    }

    /** The states a role may move a case in this state to. */
    public Set<CaseState> movesFor(Role role) {
        return MOVES.get(this).entrySet().stream()
                .filter(move -> !move.getValue() || role == Role.VP)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Refuses a move that is not legal, or that the role may not make. */
    void checkMove(CaseState target, Role role) {
        if (!canMoveTo(target)) {
            throw CaseException.invalidTransition(this, target);
        }
        if (MOVES.get(this).get(target) && role != Role.VP) {
            throw target == REOPENED ? CaseException.onlyTheVpReopens() : CaseException.onlyTheVpCloses();
        }
    }
}
