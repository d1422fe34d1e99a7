package sr.gov.vpflow.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;

/**
 * The performance budget of the agenda and the case list: with a million appointments and a
 * hundred thousand cases, the week agenda and a case list page answer in under 20 ms at the
 * server. Not part of the test suite: {@code benchmark/agenda-and-cases/run.sh} (the Maven profile
 * {@code benchmark}) runs it and writes its figures to {@code target/benchmark/}.
 *
 * <p>The server's own time per request is read from Tomcat's access log ({@code %D}: from the
 * request's first byte read to the response's last byte written, in microseconds), so the
 * client's share is left out; the client's round trip over loopback is reported beside it.
 */
@Tag("benchmark")
class AgendaAndCaseListBenchmark {

    private static final double BUDGET_MS = 20.0;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern LOG_LINE = Pattern.compile("^(\\S+) (\\S+) (\\d{3}) (\\d+) (\\S+)$");

    private final int guests = Integer.getInteger("benchmark.guests", 20_000);
    private final int appointments = Integer.getInteger("benchmark.appointments", 1_000_000);
    private final int cases = Integer.getInteger("benchmark.cases", 100_000);
    /** Appointments a weekday, back to back from 08:00 to 18:00 (40: fifteen minutes each). */
    private final int perDay = Integer.getInteger("benchmark.per-day", 40);

    private final int warmup = Integer.getInteger("benchmark.warmup", 300);
    private final int rounds = Integer.getInteger("benchmark.rounds", 1000);

    /** One thing measured: a name and the path of its i-th request. */
    /** What is measured, and whether a secretary asks it (the Vice President otherwise). */
    record Endpoint(String name, IntFunction<String> path, boolean bySecretary) {

        Endpoint(String name, IntFunction<String> path) {
            this(name, path, false);
        }
    }

    @Test
    void agendaAndCaseListAnswerWithinTheBudget() throws Exception {
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path dataDir = Path.of("target", "benchmark", "data-" + started).toAbsolutePath();
        Path logs = dataDir.resolve("access-log");
        Files.createDirectories(logs);
        StringBuilder report = new StringBuilder();

        try (ConfigurableApplicationContext app = StandaloneApplication.start(dataDir, true, accessLog(logs))) {
            TestAccounts accounts = app.getBean(TestAccounts.class);
            TestAccounts.Account vp = accounts.create(Role.VP);
            TestAccounts.Account secretary = accounts.create(Role.SECRETARY);

            LocalDate anchor =
                    LocalDate.now(OfficeTime.ZONE).with(DayOfWeek.MONDAY).plusWeeks(52);
            BenchmarkData.Size size = new BenchmarkData.Size(guests, appointments, cases, perDay, 600 / perDay, anchor);
            Map<String, Long> fillMillis = new LinkedHashMap<>();
            try (Connection connection =
                    app.getBean(OwnerDatabase.class).dataSource().getConnection()) {
                JdbcClient owner = JdbcClient.create(new SingleConnectionDataSource(connection, true));
                BenchmarkData data = new BenchmarkData(owner);
                fillMillis.put("guests", timed(() -> data.guests(size, secretary.id())));
                fillMillis.put("appointments", timed(() -> data.appointments(size, secretary.id())));
                fillMillis.put("cases", timed(() -> data.cases(size, secretary.id(), vp.id())));
                fillMillis.put("vacuum analyze", timed(data::vacuumAnalyze));
                report.append(BenchmarkReport.data(owner, size, fillMillis));

                int totalWeeks = appointments / perDay / 5;
                List<LocalDate> weeks = new ArrayList<>();
                for (int k = 0; k < 26; k++) {
                    weeks.add(anchor.minusWeeks((long) k * (totalWeeks - 1) / 25));
                }
                weeks.add(LocalDate.now(OfficeTime.ZONE).with(DayOfWeek.MONDAY));
                List<Endpoint> endpoints = List.of(
                        new Endpoint("agenda-page", i -> "/agenda?view=week&date=" + weeks.get(i % weeks.size())),
                        // the same agenda for one day (a fifth of the items), to tell rendering from the rest
                        new Endpoint(
                                "agenda-day-page",
                                i -> "/agenda?view=day&date="
                                        + weeks.get(i % weeks.size()).plusDays(i % 5)),
                        new Endpoint(
                                "agenda-api",
                                i -> "/api/v1/appointments?from=" + weeks.get(i % weeks.size()) + "&to="
                                        + weeks.get(i % weeks.size()).plusDays(6)),
                        new Endpoint("cases-page", i -> "/cases"),
                        new Endpoint("cases-api", i -> "/api/v1/cases"),
                        new Endpoint("cases-page-in-progress", i -> "/cases?state=in_progress"),
                        // the Vice President's Today page and the sections it loads
                        new Endpoint("today-page", i -> "/"),
                        new Endpoint("today-agenda", i -> "/today/agenda"),
                        new Endpoint("today-decisions", i -> "/today/decisions"),
                        new Endpoint("today-overdue", i -> "/today/overdue"),
                        new Endpoint("today-reopened", i -> "/today/reopened"),
                        // and the secretary's
                        new Endpoint("today-secretary-page", i -> "/", true),
                        new Endpoint("today-appointments", i -> "/today/appointments", true),
                        new Endpoint("today-waiting", i -> "/today/waiting", true),
                        new Endpoint("today-requested", i -> "/today/requested", true),
                        new Endpoint("today-due", i -> "/today/due", true),
                        // the fixed cost of any request with a session, for comparison
                        new Endpoint("me-api", i -> "/api/v1/me"));

                String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
                Session session = Session.signIn(base, vp);
                Session secretarySession = Session.signIn(base, secretary);
                Map<String, List<Double>> client = new LinkedHashMap<>();
                String loadBefore = loadAverage();
                run(session, secretarySession, endpoints, warmup, "warmup", null);
                run(session, secretarySession, endpoints, rounds, "measure", client);
                String loadAfter = loadAverage();

                // Tomcat writes a request's line after its response has gone out
                Map<String, List<Double>> server = serverTimes(logs, "measure");
                for (int wait = 0; wait < 50 && server.values().stream().anyMatch(t -> t.size() < rounds); wait++) {
                    Thread.sleep(100);
                    server = serverTimes(logs, "measure");
                }
                report.append(BenchmarkReport.figures(endpoints, server, client, rounds, weeks, BUDGET_MS));
                report.append("The machine's load average (1, 5, 15 minutes) before the warm-up: ")
                        .append(loadBefore)
                        .append("; after the measurement: ")
                        .append(loadAfter)
                        .append(" (other work on the same cores lengthens the tail).\n\n");
                report.append(BenchmarkReport.plans(owner, weeks.get(weeks.size() - 1), weeks.get(13)));
            }
        }
        Path file = Path.of("target", "benchmark", "agenda-and-cases-" + started + ".md");
        Files.writeString(file, report);
        System.out.println(report);
        System.out.println("report: " + file.toAbsolutePath());
        if (!Boolean.getBoolean("benchmark.keep-data")) {
            deleteTree(dataDir);
        }
    }

    private static void run(
            Session vp,
            Session secretary,
            List<Endpoint> endpoints,
            int count,
            String phase,
            Map<String, List<Double>> client)
            throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            for (Endpoint e : endpoints) {
                Session session = e.bySecretary() ? secretary : vp;
                long t0 = System.nanoTime();
                HttpResponse<String> response = session.get(e.path().apply(i), e.name() + ":" + phase);
                double ms = (System.nanoTime() - t0) / 1e6;
                assertThat(response.statusCode()).as(e.path().apply(i)).isEqualTo(200);
                if (client != null) {
                    client.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(ms);
                }
            }
        }
    }

    /** The server's time of each request of a phase, by endpoint, from the access log, in ms. */
    /**
     * Tomcat's access log in {@code logs}, a line per request with the server's time ({@code %D})
     * and the request's {@code X-Benchmark} tag, read by {@link #serverTimes}.
     */
    static String[] accessLog(Path logs, String... more) {
        List<String> properties = new ArrayList<>(List.of(
                "server.tomcat.accesslog.enabled=true",
                "server.tomcat.accesslog.directory=" + logs,
                "server.tomcat.accesslog.prefix=access",
                "server.tomcat.accesslog.suffix=.log",
                "server.tomcat.accesslog.rotate=false",
                "server.tomcat.accesslog.buffered=false",
                "server.tomcat.accesslog.pattern=%m %U%q %s %D %{X-Benchmark}i"));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    static Map<String, List<Double>> serverTimes(Path logs, String phase) throws IOException {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher m = LOG_LINE.matcher(line);
                    if (m.matches() && m.group(5).endsWith(":" + phase)) {
                        String endpoint = m.group(5).substring(0, m.group(5).length() - phase.length() - 1);
                        times.computeIfAbsent(endpoint, k -> new ArrayList<>())
                                .add(Long.parseLong(m.group(4)) / 1000.0);
                    }
                }
            }
        }
        return times;
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.exists(loadavg)) {
            return "unknown";
        }
        String[] parts = Files.readString(loadavg).split(" ");
        return parts[0] + ", " + parts[1] + ", " + parts[2];
    }

    private static long timed(Runnable step) {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    /** A signed-in browser session: form login with its CSRF token, then the session cookie. */
    record Session(HttpClient http, String base) {

        static Session signIn(String base, TestAccounts.Account account) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            Session session = new Session(http, base);
            String login = session.get("/login", "sign-in").body();
            Matcher csrf = CSRF.matcher(login);
            assertThat(csrf.find()).as("a CSRF token on the login page").isTrue();
            String form = Arrays.stream(new String[][] {
                        {"username", account.username()}, {"password", account.password()}, {"_csrf", csrf.group(1)}
                    })
                    .map(kv -> kv[0] + "=" + URLEncoder.encode(kv[1], StandardCharsets.UTF_8))
                    .reduce((a, b) -> a + "&" + b)
                    .orElseThrow();
            HttpResponse<String> posted = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as("sign-in").isEqualTo(302);
            assertThat(posted.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return session;
        }

        HttpResponse<String> get(String path, String tag) throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .header("X-Benchmark", tag)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
