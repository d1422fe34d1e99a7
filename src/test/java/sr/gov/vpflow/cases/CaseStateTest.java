package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;

class CaseStateTest {

    @Test
    void openAndInProgressMoveBothWaysAndOnlyTheVpCloses() {
        assertThat(CaseState.OPEN.movesFor(Role.SECRETARY)).containsExactly(CaseState.IN_PROGRESS);
        assertThat(CaseState.IN_PROGRESS.movesFor(Role.SECRETARY)).containsExactly(CaseState.OPEN);
        assertThat(CaseState.OPEN.movesFor(Role.VP)).containsExactlyInAnyOrder(CaseState.IN_PROGRESS, CaseState.CLOSED);
        assertThat(CaseState.IN_PROGRESS.movesFor(Role.VP)).containsExactlyInAnyOrder(CaseState.OPEN, CaseState.CLOSED);
        assertThat(CaseState.CLOSED.movesFor(Role.SECRETARY)).isEmpty();
    }

    @Test
    void onlyTheVpReopensAClosedCaseAndClosesItAgainAndAReopenedCaseMovesNowhereElse() {
        assertThat(CaseState.CLOSED.movesFor(Role.VP)).containsExactly(CaseState.REOPENED);
        assertThat(CaseState.REOPENED.movesFor(Role.VP)).containsExactly(CaseState.CLOSED);
        assertThat(CaseState.REOPENED.movesFor(Role.SECRETARY)).isEmpty();
        assertThat(CaseState.OPEN.canMoveTo(CaseState.REOPENED)).isFalse();
        assertThat(CaseState.IN_PROGRESS.canMoveTo(CaseState.REOPENED)).isFalse();
        assertThatThrownBy(() -> CaseState.REOPENED.checkMove(CaseState.OPEN, Role.VP))
                .isInstanceOfSatisfying(CaseException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_transition");
                    assertThat(e.properties()).containsEntry("from", "reopened").containsEntry("to", "open");
                });
        assertThatThrownBy(() -> CaseState.CLOSED.checkMove(CaseState.REOPENED, Role.SECRETARY))
                .isInstanceOfSatisfying(CaseException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("re-opens");
                });
        assertThatThrownBy(() -> CaseState.REOPENED.checkMove(CaseState.CLOSED, Role.SECRETARY))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> CaseState.OPEN.checkMove(CaseState.REOPENED, Role.VP))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.code()).isEqualTo("invalid_transition"));
    }

    @Test
    void underV10TheStateReopenedDoesNotExist() {
        assertThat(CaseState.offered(false)).containsExactly(CaseState.OPEN, CaseState.IN_PROGRESS, CaseState.CLOSED);
        assertThat(CaseState.offered(true)).endsWith(CaseState.REOPENED);
        assertThat(CaseState.fromCode("reopened", false)).isEmpty();
        assertThat(CaseState.fromCode("reopened", true)).contains(CaseState.REOPENED);
        assertThat(CaseState.fromCode("closed", false)).contains(CaseState.CLOSED);
        assertThatThrownBy(() -> CaseInput.edit(java.util.Map.of("version", 1, "state", "reopened"), false))
                .isInstanceOfSatisfying(
                        CaseException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field() + ":" + p.code())
                                .containsExactly("state:invalid_value"));
        assertThat(CaseInput.edit(java.util.Map.of("version", 1, "state", "reopened"), true)
                        .values())
                .containsEntry(CaseField.STATE, CaseState.REOPENED);
    }

    @Test
    void aRefusedMoveSaysWhy() {
        assertThatThrownBy(() -> CaseState.CLOSED.checkMove(CaseState.IN_PROGRESS, Role.VP))
                .isInstanceOfSatisfying(CaseException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_transition");
                    assertThat(e.status().value()).isEqualTo(409);
                    assertThat(e.properties()).containsEntry("from", "closed").containsEntry("to", "in_progress");
                });
        assertThatThrownBy(() -> CaseState.OPEN.checkMove(CaseState.CLOSED, Role.SECRETARY))
                .isInstanceOfSatisfying(
                        CaseException.class, e -> assertThat(e.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> CaseState.OPEN.checkMove(CaseState.OPEN, Role.VP))
                .isInstanceOf(CaseException.class);
    }

    @Test
    void codesAreTheDatabaseValues() {
        assertThat(CaseState.IN_PROGRESS.code()).isEqualTo("in_progress");
        assertThat(CaseState.fromCode("closed")).contains(CaseState.CLOSED);
        assertThat(CaseState.fromCode("CLOSED")).isEmpty();
        assertThat(CaseState.REOPENED.code()).isEqualTo("reopened");
        assertThat(CasePriority.fromCode("urgent")).contains(CasePriority.URGENT);
    }
}
