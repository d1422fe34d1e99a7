package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.appointments.Slots.Slot;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/** Many secretaries book the same slot at the same moment through the real API: exactly one wins. */
class AppointmentConcurrencyIT extends IntegrationTest {

    private static final int BOOKINGS = 16;

    @Test
    void parallelBookingsOfOneSlotLeaveExactlyOneAppointment() throws Exception {
        List<Account> secretaries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            secretaries.add(accounts.create(Role.SECRETARY));
        }
        Account vp = accounts.create(Role.VP);
        Response guestCreated =
                api.post("/api/v1/guests", secretaries.get(0), Map.of("full_name", "Drukte " + UUID.randomUUID()));
        UUID guest = UUID.fromString(guestCreated.json().get("id").asString());
        Slot slot = Slots.future();
        String subject = "Gelijktijdig " + UUID.randomUUID();

        ExecutorService pool = Executors.newFixedThreadPool(BOOKINGS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        try {
            for (int i = 0; i < BOOKINGS; i++) {
                Account as = i % 5 == 4 ? vp : secretaries.get(i % secretaries.size());
                // slightly different times, all overlapping the same hour
                int shift = i % 3 * 10;
                Map<String, Object> body = AppointmentApiIT.booking(
                        guest, slot.start().plusMinutes(shift), slot.end().plusMinutes(shift));
                body.put("subject", subject);
                Api client = new Api(api.base());
                results.add(pool.submit(() -> {
                    start.await();
                    return client.post("/api/v1/appointments", as, body);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> result : results) {
                responses.add(result.get(60, TimeUnit.SECONDS));
            }

            List<Response> won =
                    responses.stream().filter(r -> r.status() == 201).toList();
            List<Response> refused =
                    responses.stream().filter(r -> r.status() == 409).toList();
            assertThat(won).as(responses.toString()).hasSize(1);
            assertThat(refused).as(responses.toString()).hasSize(BOOKINGS - 1);
            String winner = won.get(0).json().get("id").asString();
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.json().get("code").asString()).isEqualTo("appointment_overlap");
                assertThat(r.json().get("conflicting_appointment").get("id").asString())
                        .isEqualTo(winner);
            });

            assertThat(owner().sql("SELECT count(*) FROM appointments WHERE subject = :s")
                            .param("s", subject)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(owner().sql("SELECT count(*) FROM audit_logs a JOIN appointments p ON p.id = a.entity_id"
                                    + " WHERE p.subject = :s AND a.event_type = 'appointment_created'")
                            .param("s", subject)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'appointment_created'"
                                    + " AND details->'changes'->'subject'->>'to' = :s")
                            .param("s", subject)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
