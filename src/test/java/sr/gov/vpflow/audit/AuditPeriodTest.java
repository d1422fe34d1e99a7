package sr.gov.vpflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.ProblemException;

class AuditPeriodTest {

    @Test
    void aDateIsAWholeDayInParamaribo() {
        assertThat(AuditPeriod.from("2026-03-14", "from")).isEqualTo(OffsetDateTime.parse("2026-03-14T00:00-03:00"));
        assertThat(AuditPeriod.to("2026-03-14", "to")).isEqualTo(OffsetDateTime.parse("2026-03-15T00:00-03:00"));
    }

    @Test
    void aMomentKeepsItsOffsetAndIsIncludedAsAnEnd() {
        OffsetDateTime moment = OffsetDateTime.parse("2026-03-14T09:30:00Z");
        assertThat(AuditPeriod.from("2026-03-14T09:30:00Z", "from")).isEqualTo(moment);
        assertThat(AuditPeriod.to("2026-03-14T09:30:00Z", "to")).isAfter(moment);
        assertThat(AuditPeriod.from(" ", "from")).isNull();
    }

    @Test
    void anythingElseNamesTheParameter() {
        assertThatThrownBy(() -> AuditPeriod.to("14-03-2026", "to"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_parameter");
                    assertThat(e.properties()).containsEntry("parameter", "to");
                });
    }
}
