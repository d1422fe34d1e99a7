package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ApprovalTest {

    private static final Clock MARCH = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void anApprovalIsApproverReferenceAndDate() {
        Approval a = Approval.parse(" R. Pahalwankhan | VP-BESLUIT-2026-014 | 2026-03-02 ")
                .orElseThrow();
        assertThat(a).isEqualTo(new Approval("R. Pahalwankhan", "VP-BESLUIT-2026-014", LocalDate.of(2026, 3, 2)));
        assertThat(a.problem(MARCH)).isEmpty();
        assertThat(Approval.parse("  ")).isEmpty();
        assertThat(Approval.parse(null)).isEmpty();
    }

    @Test
    void aMalformedApprovalIsRefusedWithTheForm() {
        assertThatThrownBy(() -> Approval.parse("R. Pahalwankhan|VP-2026-014"))
                .hasMessageContaining("APPROVER|REFERENCE|YYYY-MM-DD");
        assertThatThrownBy(() -> Approval.parse("R. Pahalwankhan|VP-2026-014|2 maart"))
                .hasMessageContaining("is not YYYY-MM-DD");
    }

    @Test
    void anApprovalNeedsAnApproverAReferenceAndADateNotInTheFuture() {
        assertThat(new Approval("", "VP-1", LocalDate.of(2026, 3, 2)).problem(MARCH))
                .hasValueSatisfying(p -> assertThat(p).contains("approver"));
        assertThat(new Approval("R. P.", "", LocalDate.of(2026, 3, 2)).problem(MARCH))
                .hasValueSatisfying(p -> assertThat(p).contains("reference"));
        assertThat(new Approval("R. P.", "VP-1", LocalDate.of(2026, 3, 11)).problem(MARCH))
                .hasValueSatisfying(p -> assertThat(p).contains("future"));
    }
}
