package sr.gov.vpflow.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.ActingUser;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.StandaloneApplication;

/**
 * The performance budget of the governed migration, on a v1.0 database of 1,000,000 appointments,
 * 200,000 cases and 2,000,000 audit rows (sizes: -Dbenchmark.appointments, .cases, .audit,
 * .guests):
 *
 * <ul>
 *   <li>while the schema steps (3-5) run, the office keeps reading and writing cases and the audit
 *       log; no lock of the migration on cases or audit_logs is held longer than 1 s (pg_locks
 *       sampled every few milliseconds, and the latency of the office's statements measured);
 *   <li>making a restore point takes at most 3 times as long as {@code cp -r} of the PostgreSQL
 *       data folder, measured side by side (cp, restore point, cp).
 * </ul>
 *
 * Not part of the test suite (the name matches no test pattern): run benchmark/governance/run.sh.
 */
class MigrationBenchmark {

    private static final int APPOINTMENTS = Integer.getInteger("benchmark.appointments", 1_000_000);
    private static final int CASES = Integer.getInteger("benchmark.cases", 200_000);
    private static final int AUDIT = Integer.getInteger("benchmark.audit", 2_000_000);
    private static final int GUESTS = Integer.getInteger("benchmark.guests", 100_000);
    private static final long START = System.nanoTime();

    private final List<String> results = new ArrayList<>();

    /** Progress, also in target/benchmark/progress.log: the test runner holds standard output back. */
    private static void say(String line) {
        String stamped = String.format(Locale.ROOT, "[%7.1f s] %s", (System.nanoTime() - START) / 1e9, line);
        System.out.println(stamped);
        try {
            Path log = Path.of("target", "benchmark", "progress.log");
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    stamped + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            // progress is a courtesy; the results are written at the end
        }
    }

    private void result(String line) {
        results.add(line);
        say("RESULT " + line);
    }

    @Test
    void migrationLocksAndRestorePointSpeed() throws Exception {
        Path dir = Path.of(
                        "target",
                        "benchmark",
                        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))
                .toAbsolutePath();
        Files.createDirectories(dir);
        say("data folder " + dir);
        try (ConfigurableApplicationContext app =
                StandaloneApplication.start(dir, false, "vpflow.schema-target=v1.0")) {
            OwnerDatabase database = app.getBean(OwnerDatabase.class);
            DataSource owner = database.dataSource("benchmark", "-c synchronous_commit=off");
            fill(owner);
            Path cluster = database.embeddedClusterDir().orElseThrow();
            result(String.format(
                    Locale.ROOT,
                    "database: %,d appointments, %,d cases, %,d audit rows, %,d guests; data folder %s, database %s",
                    count(owner, "appointments"),
                    count(owner, "cases"),
                    count(owner, "audit_logs"),
                    count(owner, "guests"),
                    RestorePointWriter.mb(du(cluster)),
                    RestorePointWriter.mb(
                            Long.parseLong(single(owner, "SELECT pg_database_size(current_database())")))));

            // restore point against cp -r of the data folder, side by side
            double cp1 = copyDataFolder(cluster, dir.resolve("cp-1"));
            long t = System.nanoTime();
            RestorePoint point =
                    app.getBean(RestorePoints.class).create("benchmark", "benchmark", "cli", MigrationBenchmark::say);
            double rp = (System.nanoTime() - t) / 1e9;
            double cp2 = copyDataFolder(cluster, dir.resolve("cp-2"));
            double cp = Math.min(cp1, cp2);
            result(String.format(
                    Locale.ROOT,
                    "cp -r of the data folder: %.2f s and %.2f s; restore point: %.2f s (%,d rows, %s of files);"
                            + " ratio %.2f (budget 3.00)",
                    cp1,
                    cp2,
                    rp,
                    point.rows(),
                    RestorePointWriter.mb(point.bytes()),
                    rp / cp));
            t = System.nanoTime();
            RestorePointCheck check = app.getBean(RestorePoints.class).verify("benchmark", line -> {});
            result(String.format(
                    Locale.ROOT,
                    "verify of that restore point: %.2f s, intact=%s, restorable=%s %s",
                    (System.nanoTime() - t) / 1e9,
                    check.intact(),
                    check.restorable(),
                    check.problems()));

            migrateUnderLoad(app, owner);
        }
        Path out = Path.of("benchmark", "results");
        Files.createDirectories(out);
        Path file = out.resolve("governance-" + dir.getFileName() + ".txt");
        Files.write(file, results);
        say("results written to " + file.toAbsolutePath());
        if (!Boolean.getBoolean("benchmark.keep")) {
            say("removing " + dir + " (keep it with -Dbenchmark.keep=true)");
            new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
        }
    }

    // ---- the office under load while the schema steps run ----

    private void migrateUnderLoad(ConfigurableApplicationContext app, DataSource owner) throws Exception {
        ApplicationLogin login = app.getBean(ApplicationLogin.class);
        UUID vp = UUID.fromString(single(owner, "SELECT id FROM users WHERE username = 'bench-vp'"));
        // the office's statements run with the Vice President's rights (the system's token for the role)
        Operators.Operator office = app.getBean(Operators.class).open(Role.VP, "web");
        List<UUID> caseIds = new ArrayList<>();
        try (Connection c = owner.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM cases ORDER BY random() LIMIT 2000")) {
            while (rs.next()) {
                caseIds.add(rs.getObject(1, UUID.class));
            }
        }
        long maxSeq = Long.parseLong(single(owner, "SELECT max(seq) FROM audit_logs"));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong schemaFrom = new AtomicLong(Long.MAX_VALUE);
        AtomicLong schemaTo = new AtomicLong(Long.MAX_VALUE);
        Map<String, List<long[]>> latencies = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(prober("cases: SELECT ... FOR SHARE", login, office.actor(), running, latencies, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM cases WHERE id = ? FOR SHARE")) {
                ps.setObject(1, caseIds.get(ThreadLocalRandom.current().nextInt(caseIds.size())));
                ps.executeQuery().close();
            }
        }));
        threads.add(prober("cases: SELECT by id", login, office.actor(), running, latencies, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT title, state FROM cases WHERE id = ?")) {
                ps.setObject(1, caseIds.get(ThreadLocalRandom.current().nextInt(caseIds.size())));
                ps.executeQuery().close();
            }
        }));
        threads.add(prober("audit_logs: INSERT (chained)", login, office.actor(), running, latencies, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO audit_logs (event_type, entity_type, entity_id) VALUES ('logout', 'user', ?)")) {
                ps.setObject(1, vp);
                ps.executeUpdate();
            }
        }));
        threads.add(prober("audit_logs: SELECT by seq", login, office.actor(), running, latencies, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT event_type FROM audit_logs WHERE seq = ?")) {
                ps.setLong(1, 1 + ThreadLocalRandom.current().nextLong(maxSeq));
                ps.executeQuery().close();
            }
        }));
        LockSampler sampler = new LockSampler(owner, running);
        Thread samplerThread = new Thread(sampler, "lock-sampler");
        samplerThread.start();
        threads.forEach(Thread::start);

        long t = System.nanoTime();
        MigrationReport report = app.getBean(MigrationRunner.class).run(MigrationIT.approved(), line -> {
            say("migrate: " + line);
            if (line.startsWith("step 2/7")) {
                schemaFrom.set(System.nanoTime());
            }
            if (line.startsWith("step 5/7")) {
                schemaTo.set(System.nanoTime());
            }
        });
        double total = (System.nanoTime() - t) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        samplerThread.join();
        office.close();

        result("migration outcome: " + report.outcome() + " in " + String.format(Locale.ROOT, "%.1f s", total));
        for (MigrationReport.StepReport s : report.steps()) {
            result(String.format(Locale.ROOT, "  step %d %-72s %8d ms", s.number(), s.name(), s.durationMs()));
            s.items().forEach(i -> result("      " + i));
        }
        if (report.validation() != null) {
            report.validation()
                    .items()
                    .forEach(i -> result(String.format(
                            Locale.ROOT, "      validation: %s: %s (%d ms)", i.check(), i.status(), i.durationMs())));
        }
        long from = schemaFrom.get();
        long to = schemaTo.get();
        result(String.format(Locale.ROOT, "schema steps 3-5 took %.0f ms", (to - from) / 1e6));
        for (Map.Entry<String, List<long[]>> e : new java.util.TreeMap<>(latencies).entrySet()) {
            List<long[]> during = e.getValue().stream()
                    .filter(x -> x[0] + x[1] >= from && x[0] <= to)
                    .toList();
            long maxDuring = during.stream().mapToLong(x -> x[1]).max().orElse(0);
            long maxAll = e.getValue().stream().mapToLong(x -> x[1]).max().orElse(0);
            List<Long> sorted =
                    new ArrayList<>(e.getValue().stream().map(x -> x[1]).toList());
            Collections.sort(sorted);
            long p99 = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99));
            result(String.format(
                    Locale.ROOT,
                    "office statement %-30s during steps 3-5: %4d statements, max %7.1f ms | whole migration:"
                            + " %6d statements, p99 %7.1f ms, max %7.1f ms",
                    e.getKey(),
                    during.size(),
                    maxDuring / 1e6,
                    e.getValue().size(),
                    p99 / 1e6,
                    maxAll / 1e6));
        }
        double interval = sampler.samples.get() == 0
                ? 0
                : (sampler.lastSample - sampler.firstSample) / 1e6 / sampler.samples.get();
        // a lock seen in n consecutive samples was held at least their span and at most one interval more
        sampler.held.stream()
                .sorted((a, b) -> Long.compare(b.heldNanos, a.heldNanos))
                .forEach(h -> result(String.format(
                        Locale.ROOT,
                        "lock of the migration on %-10s %-20s seen in %d consecutive samples: held %.1f to %.1f ms",
                        h.relation,
                        h.mode,
                        h.samples,
                        h.heldNanos / 1e6,
                        h.heldNanos / 1e6 + interval)));
        long maxHold = sampler.held.stream().mapToLong(h -> h.heldNanos).max().orElse(0);
        result(String.format(
                Locale.ROOT,
                "longest lock of the migration on cases or audit_logs: at most %.1f ms (budget 1000 ms; pg_locks"
                        + " sampled %d times, every %.1f ms on average)",
                maxHold / 1e6 + interval,
                sampler.samples.get(),
                interval));
        assertThat(report.outcome()).isEqualTo(MigrationReport.Outcome.MIGRATED);
    }

    @FunctionalInterface
    interface Probe {
        void run(Connection c) throws SQLException;
    }

    private static Thread prober(
            String name,
            ApplicationLogin login,
            Actor actor,
            AtomicBoolean running,
            Map<String, List<long[]>> latencies,
            Probe probe) {
        List<long[]> samples = new CopyOnWriteArrayList<>();
        latencies.put(name, samples);
        return new Thread(
                () -> {
                    try (Connection c = login.connect("benchmark-office")) {
                        while (running.get()) {
                            long t = System.nanoTime();
                            ActingUser.begin(c, actor);
                            probe.run(c);
                            c.commit();
                            samples.add(new long[] {t, System.nanoTime() - t});
                            Thread.sleep(5);
                        }
                    } catch (SQLException | InterruptedException e) {
                        say("office probe " + name + " stopped: " + e.getMessage());
                    }
                },
                "office-" + name);
    }

    /** Samples pg_locks for locks that the migration's sessions hold on cases and audit_logs. */
    private static final class LockSampler implements Runnable {
        record Held(String relation, String mode, long heldNanos, int samples) {}

        final List<Held> held = new CopyOnWriteArrayList<>();
        final AtomicLong samples = new AtomicLong();
        volatile long firstSample;
        volatile long lastSample;
        private final DataSource owner;
        private final AtomicBoolean running;

        LockSampler(DataSource owner, AtomicBoolean running) {
            this.owner = owner;
            this.running = running;
        }

        @Override
        public void run() {
            Map<String, long[]> open = new java.util.HashMap<>();
            try (Connection c = owner.getConnection();
                    PreparedStatement ps = c.prepareStatement("""
                            SELECT l.pid || ' ' || c.relname || ' ' || l.mode
                            FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                            JOIN pg_stat_activity a ON a.pid = l.pid
                            WHERE l.granted AND c.relname IN ('cases', 'audit_logs')
                              AND c.relnamespace = 'vpflow'::regnamespace
                              AND a.application_name LIKE 'vpflow-migrate-%'""")) {
                firstSample = System.nanoTime();
                while (running.get()) {
                    long now = System.nanoTime();
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            seen.add(rs.getString(1));
                        }
                    }
                    samples.incrementAndGet();
                    lastSample = now;
                    for (String key : seen) {
                        open.computeIfAbsent(key, k -> new long[] {now, now, 0});
                        long[] span = open.get(key);
                        span[1] = now;
                        span[2]++;
                    }
                    for (String key : new ArrayList<>(open.keySet())) {
                        if (!seen.contains(key)) {
                            long[] span = open.remove(key);
                            String[] parts = key.split(" ");
                            held.add(new Held(parts[1], parts[2], span[1] - span[0], (int) span[2]));
                        }
                    }
                    Thread.sleep(2);
                }
                open.forEach((key, span) -> {
                    String[] parts = key.split(" ");
                    held.add(new Held(parts[1], parts[2], span[1] - span[0], (int) span[2]));
                });
            } catch (SQLException | InterruptedException e) {
                say("lock sampler stopped: " + e.getMessage());
            }
        }
    }

    // ---- the cp -r baseline ----

    private static double copyDataFolder(Path cluster, Path target) throws IOException, InterruptedException {
        long t = System.nanoTime();
        Process cp = new ProcessBuilder("cp", "-r", cluster.toString(), target.toString())
                .inheritIO()
                .start();
        if (cp.waitFor() != 0) {
            throw new IOException("cp failed");
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        say(String.format(Locale.ROOT, "cp -r %s: %.2f s", cluster, seconds));
        new ProcessBuilder("rm", "-rf", target.toString()).inheritIO().start().waitFor();
        return seconds;
    }

    private static long du(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    // ---- filling the v1.0 database ----

    /**
     * As the owner, fast: INSERT ... SELECT generate_series. Case references are assigned here, in
     * their own format, with the counter set after; audit rows go through the real trigger, in
     * batches, so their hash chain is valid (audit verify passes).
     */
    private static void fill(DataSource owner) throws SQLException {
        try (Connection c = owner.getConnection();
                Statement st = c.createStatement()) {
            st.execute("SET synchronous_commit = off");
            st.execute("""
                    INSERT INTO users (username, display_name, role, password_hash) VALUES
                        ('bench-vp', 'Vice President', 'vp', 'x'),
                        ('bench-admin', 'Beheerder', 'admin', 'x')""");
            st.execute("INSERT INTO users (username, display_name, role, password_hash)"
                    + " SELECT 'bench-sec-' || s, 'Secretaris ' || s, 'secretary', 'x' FROM generate_series(1, 5) s");
            String vp = single(c, "SELECT id FROM users WHERE username = 'bench-vp'");
            String sec = single(c, "SELECT id FROM users WHERE username = 'bench-sec-1'");
            say("filling " + GUESTS + " guests");
            st.execute("INSERT INTO guests (full_name, organisation, email, created_by) SELECT 'Gast ' || g,"
                    + " 'Organisatie ' || (g % 500), 'gast' || g || '@example.sr', '" + sec + "'"
                    + " FROM generate_series(1, " + GUESTS + ") g");
            st.execute(
                    "CREATE TEMP TABLE bench_guests AS SELECT row_number() OVER (ORDER BY id) AS rn, id FROM guests");
            st.execute("CREATE INDEX ON bench_guests (rn)");
            say("filling " + APPOINTMENTS + " appointments");
            st.execute("""
                    INSERT INTO appointments (guest_id, subject, purpose, location, starts_at, ends_at, status,
                                              status_reason, created_by)
                    SELECT g.id, 'Afspraak ' || a, 'Overleg over onderwerp ' || (a %% 97), 'Kabinet',
                           timestamptz '2015-01-05 08:00-03' + a * interval '30 minutes',
                           timestamptz '2015-01-05 08:00-03' + a * interval '30 minutes' + interval '20 minutes',
                           CASE WHEN a > %d THEN 'scheduled'
                                ELSE (ARRAY['completed', 'completed', 'completed', 'cancelled', 'no_show'])[1 + a %% 5]
                           END::appointment_status,
                           CASE WHEN a <= %d AND a %% 5 = 3 THEN 'Verhinderd' END, '%s'
                    FROM generate_series(1, %d) a JOIN bench_guests g ON g.rn = 1 + a %% %d""".formatted(APPOINTMENTS - 2000, APPOINTMENTS - 2000, sec, APPOINTMENTS, GUESTS));
            say("filling " + CASES + " cases over twenty years");
            st.execute("ALTER TABLE cases DISABLE TRIGGER cases_assign_reference");
            st.execute("""
                    INSERT INTO cases (reference, title, description, guest_id, priority, state, resolution,
                                       closed_at, closed_by, created_by)
                    SELECT format('VP-%%s-%%s', 2005 + (n - 1) / 9600, lpad(((n - 1) %% 9600 + 1)::text, 4, '0')),
                           'Zaak ' || n, 'Beschrijving van zaak ' || n,
                           g.id, (ARRAY['low', 'normal', 'high', 'urgent'])[1 + n %% 4]::case_priority,
                           (ARRAY['open', 'in_progress', 'closed'])[1 + n %% 3]::case_state,
                           CASE WHEN n %% 3 = 2 THEN 'Afgehandeld' END, CASE WHEN n %% 3 = 2 THEN now() END,
                           CASE WHEN n %% 3 = 2 THEN '%s'::uuid END, '%s'
                    FROM generate_series(1, %d) n JOIN bench_guests g ON g.rn = 1 + n %% %d""".formatted(vp, sec, CASES, GUESTS));
            st.execute("ALTER TABLE cases ENABLE TRIGGER cases_assign_reference");
            // twenty years of cases, at most 9,600 a year (the reference has four digits per year)
            st.execute("INSERT INTO case_reference_counters (year, last_number)"
                    + " SELECT split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int)"
                    + " FROM cases GROUP BY 1");
            st.execute("CREATE TEMP TABLE bench_cases AS SELECT row_number() OVER (ORDER BY id) AS rn, id FROM cases");
            st.execute("CREATE INDEX ON bench_cases (rn)");
            say("filling " + AUDIT + " audit rows through the chaining trigger");
            int batch = 250;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
                    SELECT 'case_updated', 'case', k.id,
                           jsonb_build_object('changes', jsonb_build_object('title',
                               jsonb_build_object('from', 'Zaak', 'to', 'Zaak ' || g)))
                    FROM generate_series(?::int, ?::int) g JOIN bench_cases k ON k.rn = 1 + g % """ + CASES)) {
                for (int from = 1; from <= AUDIT; from += batch) {
                    ps.setInt(1, from);
                    ps.setInt(2, Math.min(AUDIT, from + batch - 1));
                    ps.executeUpdate();
                    if ((from - 1) % 200_000 == 0) {
                        say("  audit rows: " + (from - 1));
                    }
                }
            }
            say("vacuum analyze and checkpoint");
            st.execute("VACUUM (ANALYZE)");
            st.execute("CHECKPOINT");
        }
    }

    private static long count(DataSource owner, String table) throws SQLException {
        return Long.parseLong(single(owner, "SELECT count(*) FROM " + table));
    }

    private static String single(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return single(c, sql);
        }
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
