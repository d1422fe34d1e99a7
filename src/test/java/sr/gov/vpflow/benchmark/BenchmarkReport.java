package sr.gov.vpflow.benchmark;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.OfficeTime;

/** The benchmark's findings as Markdown: the data, the figures, and the plans of the two queries. */
final class BenchmarkReport {

    private BenchmarkReport() {}

    static String data(JdbcClient owner, BenchmarkData.Size size, Map<String, Long> fillMillis) {
        StringBuilder md = new StringBuilder("# Benchmark: agenda and case list\n\n## Data\n\n");
        md.append("| table | rows | size on disk (with indexes) |\n|---|---:|---:|\n");
        for (String table : List.of("guests", "appointments", "cases", "audit_logs")) {
            md.append(owner.sql("SELECT count(*) || ' | ' || pg_size_pretty(pg_total_relation_size('" + table
                            + "')) FROM " + table)
                    .query((rs, n) -> "| " + table + " | " + rs.getString(1) + " |\n")
                    .single());
        }
        md.append("\nAppointments by status: ")
                .append(String.join(
                        ", ",
                        owner.sql("SELECT status || ' ' || count(*) FROM appointments GROUP BY status ORDER BY status")
                                .query(String.class)
                                .list()))
                .append(".  \nCases by state: ")
                .append(String.join(
                        ", ",
                        owner.sql("SELECT state || ' ' || count(*) FROM cases GROUP BY state ORDER BY state")
                                .query(String.class)
                                .list()))
                .append(".  \n");
        md.append(owner.sql("SELECT 'Appointments from ' || min(starts_at AT TIME ZONE 'America/Paramaribo')::date"
                        + " || ' to ' || max(starts_at AT TIME ZONE 'America/Paramaribo')::date FROM appointments")
                .query(String.class)
                .single());
        md.append(String.format(
                Locale.ROOT,
                ", %d a weekday in slots of %d minutes from 08:00 (%d a week; active ones never overlap).  %n",
                size.perDay(),
                size.slotMinutes(),
                size.perDay() * 5));
        md.append("Filled in (ms): ").append(fillMillis).append(".\n\n");
        md.append("Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, JVM heap max ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024))
                .append(" MB, Java ")
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(owner.sql("SELECT split_part(version(), ' on ', 1)")
                        .query(String.class)
                        .single())
                .append(" (embedded), shared_buffers ")
                .append(owner.sql("SHOW shared_buffers").query(String.class).single())
                .append(".\n\n");
        return md.toString();
    }

    static String figures(
            List<AgendaAndCaseListBenchmark.Endpoint> endpoints,
            Map<String, List<Double>> server,
            Map<String, List<Double>> client,
            int rounds,
            List<LocalDate> weeks,
            double budgetMs) {
        StringBuilder md = new StringBuilder("## Figures\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d measured requests per endpoint after a warm-up, one signed-in session (form login with CSRF,"
                        + " so no password hashing in the measurement), endpoints taken in turn. The agenda cycles"
                        + " through %d weeks spread over the whole span, including this week. Server time from"
                        + " Tomcat's access log (%%D); client time is the round trip over loopback.%n%n",
                rounds,
                weeks.size()));
        md.append("| endpoint | path | server p50 | p95 | p99 | max | client p50 | client p99 | p99 < " + (int) budgetMs
                + " ms |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (AgendaAndCaseListBenchmark.Endpoint e : endpoints) {
            List<Double> s = sorted(server.getOrDefault(e.name(), List.of()));
            List<Double> c = sorted(client.getOrDefault(e.name(), List.of()));
            if (s.size() != rounds) {
                throw new IllegalStateException(
                        "the access log has " + s.size() + " measured requests of " + e.name() + ", not " + rounds);
            }
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | `%s` | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n",
                    e.name(),
                    e.path().apply(0).replaceAll("\\d{4}-\\d{2}-\\d{2}", "…"),
                    p(s, 50),
                    p(s, 95),
                    p(s, 99),
                    s.get(s.size() - 1),
                    p(c, 50),
                    p(c, 99),
                    p(s, 99) < budgetMs ? "yes" : "**no**"));
        }
        md.append("\nTimes in milliseconds.\n\n");
        return md.toString();
    }

    /**
     * EXPLAIN ANALYZE of the agenda's query for two weeks, as the application runs it: a prepared
     * statement, planned generically (as PostgreSQL may after a few runs) and for its values; and
     * of the first case list page.
     */
    static String plans(JdbcClient owner, LocalDate thisWeek, LocalDate pastWeek) {
        StringBuilder md = new StringBuilder("## Query plans\n\n");
        owner.sql("PREPARE agenda_week (timestamptz, timestamptz, int) AS SELECT * FROM (SELECT id, guest_id,"
                        + " subject, purpose, location, starts_at, ends_at, status, status_reason, checked_in_at,"
                        + " created_at, updated_at, version FROM appointments WHERE true"
                        + " AND starts_at < CAST($2 AS timestamptz) AND starts_at >= CAST($1 AS timestamptz)"
                        + " - make_interval(secs => (SELECT extract(epoch FROM max(x.ends_at - x.starts_at))"
                        + " FROM appointments x))"
                        + " AND ends_at > CAST($1 AS timestamptz) OFFSET 0) window_rows"
                        + " ORDER BY starts_at, id LIMIT $3")
                .update();
        for (LocalDate monday : List.of(thisWeek, pastWeek)) {
            String from =
                    monday.atStartOfDay(OfficeTime.ZONE).toOffsetDateTime().toString();
            String to = monday.plusDays(7)
                    .atStartOfDay(OfficeTime.ZONE)
                    .toOffsetDateTime()
                    .toString();
            for (String mode : List.of("force_generic_plan", "force_custom_plan")) {
                owner.sql("SET plan_cache_mode = " + mode).update();
                md.append("Agenda, week of ")
                        .append(monday)
                        .append(", the query of `AppointmentRepository.list` (")
                        .append(mode)
                        .append("):\n\n```\n")
                        .append(String.join(
                                "\n",
                                owner.sql("EXPLAIN (ANALYZE, BUFFERS) EXECUTE agenda_week('" + from + "', '" + to
                                                + "', 5000)")
                                        .query(String.class)
                                        .list()))
                        .append("\n```\n\n");
            }
        }
        owner.sql("RESET plan_cache_mode").update();
        owner.sql("DEALLOCATE agenda_week").update();
        md.append("First page of the case list (the query of `CaseRepository.list`, no filter):\n\n");
        md.append(explain(owner, """
                SELECT c.id, c.reference, c.title, c.description, c.priority, c.due_date, c.state, c.resolution,
                       c.guest_id, g.full_name AS guest_full_name, g.organisation AS guest_organisation,
                       c.appointment_id, a.subject AS appointment_subject, a.starts_at AS appointment_starts_at,
                       c.closed_at, c.closed_by, closer.display_name AS closed_by_display_name,
                       c.created_at, c.created_by, c.updated_at, c.updated_by, c.version
                FROM cases c
                LEFT JOIN guests g ON g.id = c.guest_id
                LEFT JOIN appointments a ON a.id = c.appointment_id
                LEFT JOIN users closer ON closer.id = c.closed_by
                ORDER BY c.created_at DESC, c.id DESC LIMIT 26"""));
        return md.toString();
    }

    private static String explain(JdbcClient owner, String sql) {
        return "```\n"
                + String.join(
                        "\n",
                        owner.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                                .query(String.class)
                                .list())
                + "\n```\n\n";
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }

    /** The nearest-rank percentile. */
    private static double p(List<Double> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
