package sr.gov.vpflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.users.NewUser;
import sr.gov.vpflow.users.UserService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The embedded postmaster killed (SIGKILL) while the office reads and writes: requests are
 * answered at once with 503 database_unavailable and Retry-After (never a 500, never a hang),
 * health turns DOWN, the server starts PostgreSQL again by itself, which recovers from its log,
 * and the office works on without a restart of the server and without losing a committed record.
 */
class EmbeddedDatabaseCrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as the load saw it. */
    record Outcome(long at, long millis, int status, String code, String retryAfter, String created) {}

    @Test
    void theServerRestartsItsDatabaseAfterItWasKilledUnderLoadAndLosesNothingCommitted() throws Exception {
        Path dataDir = IntegrationTest.preparedDataDir("postmaster-killed");
        try (ConfigurableApplicationContext app = StandaloneApplication.start(dataDir, true)) {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            String password = "Lang-genoeg-wachtwoord-" + UUID.randomUUID();
            app.getBean(Operators.class)
                    .runAs(
                            Role.ADMIN,
                            "cli",
                            () -> app.getBean(UserService.class)
                                    .create(new NewUser("kantoor", "Kantoor", "secretary", password)));
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String token = JSON.readTree(send(
                                    http,
                                    HttpRequest.newBuilder(URI.create(base + "/api/v1/me/tokens"))
                                            .header("Authorization", basic("kantoor", password))
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"last\"}")))
                            .body())
                    .get("token")
                    .asString();

            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService load = Executors.newFixedThreadPool(6);
            for (int worker = 0; worker < 6; worker++) {
                boolean writer = worker % 2 == 0;
                int id = worker;
                load.submit(() -> {
                    int n = 0;
                    while (running.get()) {
                        HttpRequest.Builder request = writer
                                ? HttpRequest.newBuilder(URI.create(base + "/api/v1/guests"))
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"full_name\": \"Gast " + id + "-" + n++ + "\"}"))
                                : HttpRequest.newBuilder(URI.create(base + "/api/v1/guests?limit=20"));
                        outcomes.add(outcome(
                                http,
                                request.header("Authorization", "Bearer " + token)
                                        .timeout(Duration.ofSeconds(30))));
                    }
                    return null;
                });
            }
            Thread.sleep(1_500);

            long pid = Long.parseLong(
                    Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                            .get(0)
                            .strip());
            long killed = System.currentTimeMillis();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            long down = -1;
            long serving = -1;
            while (System.currentTimeMillis() - killed < 120_000 && serving < 0) {
                HttpResponse<String> health = send(http, HttpRequest.newBuilder(URI.create(base + "/actuator/health")));
                if (down < 0 && health.statusCode() == 503) {
                    down = System.currentTimeMillis() - killed;
                }
                // serving again: a 200 after health said DOWN or, when no health check fell into a
                // short outage, after the last request that was refused
                long since = down >= 0
                        ? killed + down
                        : outcomes.stream()
                                .filter(o -> o.at() >= killed && o.status() == 503)
                                .mapToLong(Outcome::at)
                                .max()
                                .orElse(Long.MAX_VALUE);
                if (outcomes.stream().anyMatch(o -> o.at() > since && o.status() == 200)) {
                    serving = System.currentTimeMillis() - killed;
                }
                Thread.sleep(200);
            }
            Thread.sleep(1_000);
            running.set(false);
            load.shutdown();
            assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            List<Outcome> all = new ArrayList<>(outcomes);
            List<Outcome> during = all.stream()
                    .filter(o -> o.at() >= killed && o.status() != 200 && o.status() != 201)
                    .toList();
            System.out.printf(
                    "postmaster killed: health DOWN after %d ms, serving again after %d ms; %d requests, %d refused"
                            + " meanwhile (slowest %d ms)%n",
                    down,
                    serving,
                    all.size(),
                    during.size(),
                    during.stream().mapToLong(Outcome::millis).max().orElse(0));
            long lastRefused = during.stream().mapToLong(Outcome::at).max().orElse(killed) - killed;
            if (lastRefused > 2_500) {
                // a health check waits up to the pool's 2.5 s for a connection: only an outage longer
                // than that is sure to be seen by one; a shorter one may end while it waits
                assertThat(down).as("health DOWN within seconds").isBetween(0L, 10_000L);
            }
            assertThat(serving)
                    .as("serving again without a restart of the server")
                    .isPositive();
            assertThat(during).as("refused while the database was down").isNotEmpty();
            assertThat(during).allSatisfy(o -> {
                assertThat(o.status()).as("%s", o).isEqualTo(503);
                assertThat(o.code()).isEqualTo("database_unavailable");
                assertThat(o.retryAfter()).isNotNull();
                assertThat(o.millis())
                        .as("answered at once, not after a minute")
                        .isLessThan(10_000);
            });
            assertThat(all).noneMatch(o -> o.status() >= 500 && o.status() != 503);

            // every guest the API said it created is there, after the crash and the recovery
            JdbcClient owner =
                    JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
            List<String> created =
                    all.stream().map(Outcome::created).filter(c -> c != null).toList();
            assertThat(created).isNotEmpty();
            assertThat(owner.sql("SELECT count(*) FROM guests WHERE id::text IN (:ids)")
                            .param("ids", created)
                            .query(Long.class)
                            .single())
                    .isEqualTo(created.size());
            assertThat(send(
                                    http,
                                    HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                                            .header("Authorization", "Bearer " + token))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    private static Outcome outcome(HttpClient http, HttpRequest.Builder request) {
        long started = System.currentTimeMillis();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long millis = System.currentTimeMillis() - started;
            String code = null;
            String created = null;
            if (response.body().startsWith("{")) {
                JsonNode body = JSON.readTree(response.body());
                code = body.has("code") ? body.get("code").asString() : null;
                created = response.statusCode() == 201 ? body.get("id").asString() : null;
            }
            return new Outcome(
                    started,
                    millis,
                    response.statusCode(),
                    code,
                    response.headers().firstValue("Retry-After").orElse(null),
                    created);
        } catch (Exception e) {
            return new Outcome(started, System.currentTimeMillis() - started, -1, e.toString(), null, null);
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
