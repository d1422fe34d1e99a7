package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.ExternalPostgres;
import sr.gov.vpflow.support.Haproxy;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;

/**
 * An external PostgreSQL that goes away for a few seconds and comes back (stopped and started
 * again by its own operator, not by VP-Flow): meanwhile requests are answered 503
 * database_unavailable at once and health is DOWN; afterwards the server reconnects by itself and
 * every record it confirmed is there.
 */
class ExternalDatabaseOutageIT {

    /** One request as the load saw it. */
    record Outcome(long at, int status, String code, String created) {}

    @Test
    void theServerReconnectsWhenItsExternalDatabaseIsBack() throws Exception {
        outage(false);
    }

    /**
     * A failover as a Patroni cluster or a managed service makes it: the URL names two hosts with
     * targetServerType=primary, and the primary comes back at the second address (the same data, as
     * a promoted standby would hold it).
     */
    @Test
    void theServerFollowsThePrimaryToAnotherHostOfItsUrl() throws Exception {
        outage(true);
    }

    private void outage(boolean failover) throws Exception {
        Path cluster = IntegrationTest.newDataDir("external-cluster").resolve("postgres");
        EmbeddedPostgres postgres = ExternalPostgres.start(cluster, 0);
        int port = postgres.getPort();
        int second = failover ? Haproxy.freePort() : port;
        String password = "Ext-" + UUID.randomUUID();
        ExternalPostgres.createOffice(postgres, password);
        String url = failover
                ? "jdbc:postgresql://localhost:" + port + ",localhost:" + second
                        + "/office?targetServerType=primary&connectTimeout=2"
                : "jdbc:postgresql://localhost:" + port + "/office";
        try (ConfigurableApplicationContext app = StandaloneApplication.start(
                IntegrationTest.newDataDir("external-app"),
                true,
                "vpflow.db.url=" + url,
                "vpflow.db.user=office_owner",
                "vpflow.db.password=" + password)) {
            Api api = new Api("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            TestAccounts.Account secretary = TestAccounts.of(app).create(Role.SECRETARY);

            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger n = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(4);
            for (int worker = 0; worker < 4; worker++) {
                boolean writer = worker % 2 == 0;
                load.submit(() -> {
                    while (running.get()) {
                        long at = System.currentTimeMillis();
                        Api.Response r;
                        try {
                            r = writer
                                    ? api.post(
                                            "/api/v1/guests",
                                            secretary,
                                            Map.of("full_name", "Gast " + n.incrementAndGet()))
                                    : api.get("/api/v1/guests?limit=20", secretary);
                        } catch (RuntimeException e) { // a broken connection is an outcome too, not the end of the load
                            outcomes.add(new Outcome(at, -1, e.toString(), null));
                            continue;
                        }
                        boolean problem = r.body().startsWith("{") && r.json().has("code");
                        outcomes.add(new Outcome(
                                at,
                                r.status(),
                                problem ? r.json().get("code").asString() : null,
                                r.status() == 201 ? r.json().get("id").asString() : null));
                    }
                    return null;
                });
            }
            Thread.sleep(1_000);

            long stopped = System.currentTimeMillis();
            postgres.close(); // the operator stops the database server
            long down = -1;
            while (down < 0 && System.currentTimeMillis() - stopped < 20_000) {
                if (api.get("/actuator/health").status() == 503) {
                    down = System.currentTimeMillis() - stopped;
                    assertThat(api.get("/actuator/health/serving").status())
                            .as("the load balancer's view")
                            .isEqualTo(503);
                }
                Thread.sleep(100);
            }
            Thread.sleep(Math.max(0, 4_000 - (System.currentTimeMillis() - stopped)));

            long back = System.currentTimeMillis();
            // and starts it again, on the same port, or where the new primary is
            postgres = ExternalPostgres.start(cluster, second);
            long serving = -1;
            while (serving < 0 && System.currentTimeMillis() - back < 60_000) {
                if (outcomes.stream().anyMatch(o -> o.at() > back && o.status() == 200)) {
                    serving = System.currentTimeMillis() - back;
                }
                Thread.sleep(100);
            }
            Thread.sleep(500);
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            List<Outcome> all = new ArrayList<>(outcomes);
            List<Outcome> refused = all.stream()
                    .filter(o -> o.at() >= stopped && o.status() != 200 && o.status() != 201)
                    .toList();
            System.out.printf(
                    (failover ? "failover to the second host: " : "")
                            + "external database stopped: health DOWN after %d ms; started again: serving after %d ms;"
                            + " %d requests, %d refused meanwhile%n",
                    down,
                    serving,
                    all.size(),
                    refused.size());
            assertThat(down).as("health DOWN within seconds").isBetween(0L, 10_000L);
            assertThat(serving)
                    .as("serving again without a restart of the server")
                    .isBetween(0L, 30_000L);
            assertThat(refused).isNotEmpty().allSatisfy(o -> {
                assertThat(o.status()).as("%s", o).isEqualTo(503);
                assertThat(o.code()).isEqualTo("database_unavailable");
            });
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);

            List<String> created =
                    all.stream().map(Outcome::created).filter(c -> c != null).toList();
            JdbcClient owner = JdbcClient.create(new DriverManagerDataSource(url, "office_owner", password));
            assertThat(owner.sql("SELECT count(*) FROM vpflow.guests WHERE id::text IN (:ids)")
                            .param("ids", created)
                            .query(Long.class)
                            .single())
                    .as("every guest the API confirmed")
                    .isEqualTo(created.size());
        } finally {
            postgres.close();
        }
    }
}
