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
        assertThat(CaseState.CLOSED.movesFor(Role.VP)).isEmpty();
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
        assertThat(CasePriority.fromCode("urgent")).contains(CasePriority.URGENT);
    }
}
