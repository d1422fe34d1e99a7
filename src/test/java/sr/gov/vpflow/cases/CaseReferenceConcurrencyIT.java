package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * Case references are unique and gap-free per year even when many cases are opened at once,
 * and when some of those transactions roll back.
 */
class CaseReferenceConcurrencyIT extends IntegrationTest {

    private static final int YEAR = OfficeTime.today(Clock.systemUTC()).getYear();

    @Autowired
    CaseService cases;

    @Test
    void manyCasesOpenedAtOnceGetDistinctConsecutiveReferences() throws Exception {
        Account secretary = accounts.create(Role.SECRETARY);
        Account vp = accounts.create(Role.VP);
        int count = 40;
        List<String> references = inParallel(count, i -> {
            Api client = new Api(api.base());
            Api.Response created =
                    client.post("/api/v1/cases", i % 2 == 0 ? secretary : vp, Map.of("title", "Parallel case " + i));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            return created.json().get("reference").asString();
        });

        assertThat(references).doesNotHaveDuplicates().allMatch(r -> r.startsWith("VP-" + YEAR + "-"));
        List<Integer> numbers = numbers(references);
        assertThat(numbers.get(count - 1) - numbers.get(0)).isEqualTo(count - 1);
        assertThat(lastNumber()).isGreaterThanOrEqualTo(numbers.get(count - 1));
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'case_created'"
                                + " AND details->>'reference' IN (:refs)")
                        .param("refs", references)
                        .query(Long.class)
                        .single())
                .as("each case has its creation event")
                .isEqualTo(count);
    }

    @Test
    void referencesOfRolledBackTransactionsAreGivenAgainSoNoNumberIsLost() throws Exception {
        Account secretary = accounts.create(Role.SECRETARY);
        Actor actor = accounts.signIn(secretary, "web");
        int count = 24;
        List<String> outcomes = inParallel(
                count,
                i -> ActorContext.callAs(
                        actor,
                        () -> tx.execute(status -> {
                            CaseView opened = cases.open(new OpenCase("Maybe " + i, null, null, null, null, null));
                            if (i % 3 == 0) {
                                // a failure after the reference was drawn: the whole transaction rolls back
                                status.setRollbackOnly();
                                return "rolled back " + opened.reference();
                            }
                            return opened.reference();
                        })));

        List<String> committed =
                outcomes.stream().filter(o -> !o.startsWith("rolled back")).toList();
        assertThat(committed).hasSize(count - count / 3).doesNotHaveDuplicates();
        List<Integer> numbers = numbers(committed);
        assertThat(numbers.get(numbers.size() - 1) - numbers.get(0))
                .as("the committed references have no gaps: %s", outcomes)
                .isEqualTo(committed.size() - 1);
        assertThat(lastNumber()).isEqualTo(numbers.get(numbers.size() - 1));
        assertThat(owner().sql("SELECT count(*) FROM cases WHERE reference IN (:refs)")
                        .param("refs", committed)
                        .query(Long.class)
                        .single())
                .isEqualTo(committed.size());

        // and the next case simply follows
        CaseView next = ActorContext.callAs(
                actor, () -> cases.open(new OpenCase("After the rush", null, null, null, null, null)));
        assertThat(numbers(List.of(next.reference())).get(0)).isEqualTo(numbers.get(numbers.size() - 1) + 1);
    }

    private int lastNumber() {
        return owner().sql("SELECT last_number FROM case_reference_counters WHERE year = :y")
                .param("y", YEAR)
                .query(Integer.class)
                .single();
    }

    private static List<Integer> numbers(List<String> references) {
        return references.stream()
                .map(r -> Integer.parseInt(r.substring(r.lastIndexOf('-') + 1)))
                .sorted()
                .toList();
    }

    interface Work<T> {
        T run(int i) throws Exception;
    }

    /** Runs the work {@code count} times on 8 threads that all start together. */
    private static <T> List<T> inParallel(int count, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
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
