package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaFingerprintTest {

    @Test
    void theDifferenceNamesWhatWasRemovedOrChangedAndWhatWasAdded() {
        List<String> before = List.of("column cases.state #9 case_state", "table cases kind=r rls=true force=true");
        List<String> after = List.of(
                "column cases.state #9 case_state",
                "table cases kind=r rls=true force=false",
                "table documents kind=r rls=true force=true");
        SchemaFingerprint.Difference d = SchemaFingerprint.Difference.between(before, after);
        assertThat(d.removed()).containsExactly("table cases kind=r rls=true force=true");
        assertThat(d.added())
                .containsExactly(
                        "table cases kind=r rls=true force=false", "table documents kind=r rls=true force=true");
        assertThat(SchemaFingerprint.Difference.between(before, before).none()).isTrue();
        assertThat(SchemaFingerprint.sha256(before)).isNotEqualTo(SchemaFingerprint.sha256(after));
    }

    @Test
    void theV11aPlanDeclaresEveryObjectItAddsAndTakesBack() {
        MigrationPlan plan = MigrationPlans.V1_1_A;
        assertThat(plan.steps()).extracting(MigrationPlan.Step::number).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(plan.versions()).containsExactly("1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.20");
        assertThat(plan.newEventTypes()).hasSize(8);
        assertThat(plan.schemaAdditions()).contains("enum case_state #4 reopened");
        assertThat(plan.rollback()).noneMatch(s -> s.contains("case_state"));
        assertThat(MigrationPlans.named("V1.1-a")).contains(plan);
    }
}
