package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static sr.gov.vpflow.appointments.AppointmentStatus.ARRIVED;
import static sr.gov.vpflow.appointments.AppointmentStatus.CANCELLED;
import static sr.gov.vpflow.appointments.AppointmentStatus.COMPLETED;
import static sr.gov.vpflow.appointments.AppointmentStatus.NO_SHOW;
import static sr.gov.vpflow.appointments.AppointmentStatus.REQUESTED;
import static sr.gov.vpflow.appointments.AppointmentStatus.SCHEDULED;

import org.junit.jupiter.api.Test;

class AppointmentStatusTest {

    @Test
    void theLegalMoves() {
        assertThat(REQUESTED.next()).containsExactlyInAnyOrder(SCHEDULED, CANCELLED);
        assertThat(SCHEDULED.next()).containsExactlyInAnyOrder(ARRIVED, COMPLETED, CANCELLED, NO_SHOW);
        assertThat(ARRIVED.next()).containsExactlyInAnyOrder(COMPLETED, CANCELLED);
        for (AppointmentStatus end : new AppointmentStatus[] {COMPLETED, CANCELLED, NO_SHOW}) {
            assertThat(end.isFinal()).isTrue();
            assertThat(end.next()).isEmpty();
        }
        assertThat(COMPLETED.canBecome(ARRIVED)).isFalse();
        assertThat(ARRIVED.canBecome(NO_SHOW)).isFalse();
        assertThat(REQUESTED.canBecome(ARRIVED)).isFalse();
    }

    @Test
    void onlyScheduledAndArrivedHoldTheirTimeAndOnlyRequestedAndScheduledMove() {
        assertThat(java.util.Arrays.stream(AppointmentStatus.values()).filter(AppointmentStatus::isActive))
                .containsExactly(SCHEDULED, ARRIVED);
        assertThat(java.util.Arrays.stream(AppointmentStatus.values()).filter(AppointmentStatus::canMove))
                .containsExactly(REQUESTED, SCHEDULED);
    }

    @Test
    void codesAreTheDatabaseValues() {
        assertThat(NO_SHOW.code()).isEqualTo("no_show");
        assertThat(AppointmentStatus.fromCode("arrived")).contains(ARRIVED);
        assertThat(AppointmentStatus.fromCode("ARRIVED")).isEmpty();
    }
}
