package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * Many requests to re-open the same case at the same moment, over the real API: exactly one
 * re-opens it, the others find it no longer closed (409 invalid_transition), and the case has one
 * re-opening event with its number, also in a later cycle.
 */
class ReopenConcurrencyIT extends IntegrationTest {

    private static final int REQUESTS = 8;

    @Test
    void ofConcurrentReopeningsExactlyOneSucceedsInEachCycle() throws Exception {
        Account secretary = accounts.create(Role.SECRETARY);
        Account vp = accounts.create(Role.VP);
        Account otherVp = accounts.create(Role.VP);
        OfficeRecords records = new OfficeRecords(owner());
        Api.Response created = api.post("/api/v1/cases", secretary, Map.of("title", OfficeRecords.unique("Raced")));
        UUID id = UUID.fromString(created.json().get("id").asString());
        assertThat(api.post("/api/v1/cases/" + id + "/close", vp, Map.of("resolution", "Eerste besluit"))
                        .status())
                .isEqualTo(200);

        for (int cycle = 1; cycle <= 2; cycle++) {
            int version = Integer.parseInt(records.column(id, "version"));
            int round = cycle;
            List<Api.Response> responses = inParallel(
                    REQUESTS,
                    i -> new Api(api.base())
                            .post(
                                    "/api/v1/cases/" + id + "/reopen",
                                    i % 2 == 0 ? vp : otherVp,
                                    // half name the version they read, as a page does; half do not
                                    i % 3 == 0
                                            ? Map.of("reason", "Verzoek " + round + "." + i, "version", version)
                                            : Map.of("reason", "Verzoek " + round + "." + i)));

            assertThat(responses)
                    .as("%s", responses)
                    .filteredOn(r -> r.status() == 200)
                    .hasSize(1);
            assertThat(responses)
                    .filteredOn(r -> r.status() != 200)
                    .hasSize(REQUESTS - 1)
                    .allSatisfy(r -> {
                        assertThat(r.status()).as(r.toString()).isEqualTo(409);
                        assertThat(r.json().get("code").asString()).isEqualTo("invalid_transition");
                        assertThat(r.json().get("from").asString()).isEqualTo("reopened");
                    });
            assertThat(records.column(id, "state")).isEqualTo("reopened");
            assertThat(records.column(id, "version")).isEqualTo(Integer.toString(version + 1));
            assertThat(records.events("case_reopened", id)).isEqualTo(cycle);
            assertThat(owner().sql("SELECT (details->>'cycle')::int FROM audit_logs"
                                    + " WHERE event_type = 'case_reopened' AND entity_id = :id ORDER BY seq")
                            .param("id", id)
                            .query(Integer.class)
                            .list())
                    .containsExactly(cycle == 1 ? new Integer[] {1} : new Integer[] {1, 2});
            String winner = responses.stream()
                    .filter(r -> r.status() == 200)
                    .findFirst()
                    .orElseThrow()
                    .json()
                    .get("version")
                    .asString();
            assertThat(winner).isEqualTo(Integer.toString(version + 1));

            assertThat(api.post("/api/v1/cases/" + id + "/close", vp, Map.of("resolution", "Besluit " + cycle))
                            .status())
                    .isEqualTo(200);
        }
        assertThat(records.events("case_reclosed", id)).isEqualTo(2);
    }

    interface Work<T> {
        T run(int i) throws Exception;
    }

    /** Runs the work {@code count} times on as many threads, all starting together. */
    private static <T> List<T> inParallel(int count, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                Callable<T> task = () -> {
                    start.await();
                    return work.run(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
