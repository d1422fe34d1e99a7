package sr.gov.vpflow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.guests.NewGuest;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import tools.jackson.databind.JsonNode;

/** {@code serve --demo} on an empty database: a living office, made through the services, once. */
class DemoDataIT {

    private static final String TODAY_START =
            "(date_trunc('day', now() AT TIME ZONE 'America/Paramaribo') AT TIME ZONE 'America/Paramaribo')";

    @Test
    void anEmptyDatabaseIsFilledOnceThroughTheServicesAsTheDemoAccounts() throws Exception {
        Path dataDir = IntegrationTest.newDataDir("demo");
        Map<String, Long> firstCounts;
        String passwords;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        ConfigurableApplicationContext first;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            first = StandaloneApplication.start(dataDir, true, "vpflow.demo=true");
        } finally {
            System.setOut(original);
            original.print(console.toString(StandardCharsets.UTF_8));
        }
        try (ConfigurableApplicationContext app = first) {
            JdbcClient owner = owner(app);
            firstCounts = counts(owner);

            // the accounts' passwords: kept owner-only, never printed (the console is the log), and they sign in
            Path file = dataDir.resolve("demo-passwords");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            passwords = Files.readString(file);
            Map<String, String> byUser =
                    passwords.lines().map(l -> l.split(" ")).collect(Collectors.toMap(p -> p[0], p -> p[1]));
            assertThat(byUser).containsOnlyKeys("demo-vp", "demo-secretary");
            String printed = console.toString(StandardCharsets.UTF_8);
            byUser.values().forEach(pw -> assertThat(printed).doesNotContain(pw));
            assertThat(printed).contains(file.toAbsolutePath().toString()).contains("demo-vp");
            Api api = new Api("http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
            assertThat(api.basic("/api/v1/me", "demo-vp", byUser.get("demo-vp"))
                            .json()
                            .get("role")
                            .asString())
                    .isEqualTo("vp");
            assertThat(api.basic("/api/v1/me", "demo-secretary", byUser.get("demo-secretary"))
                            .json()
                            .get("role")
                            .asString())
                    .isEqualTo("secretary");
            JsonNode verify = api.basic("/api/v1/audit/verify", "demo-vp", byUser.get("demo-vp"))
                    .json();
            assertThat(verify.get("valid").asBoolean()).isTrue();
            assertThat(verify.get("checked").asLong()).isGreaterThan(500);

            UUID vp = userId(owner, "demo-vp");
            UUID secretary = userId(owner, "demo-secretary");
            assertGuests(owner);
            assertAgenda(owner);
            assertSeries(owner);
            assertNoAppointmentsOnHolidays(owner);
            assertCases(owner, vp);
            assertAuditTrail(owner, firstCounts, vp, secretary);
            assertHistory(owner);

            // a case's page tells its history at its moments, each dated event with when it was entered
            UUID closed = owner.sql("SELECT id FROM cases WHERE state = 'closed' ORDER BY created_at LIMIT 1")
                    .query(UUID.class)
                    .single();
            OffsetDateTime opened = owner.sql(
                            "SELECT occurred_at FROM audit_logs WHERE entity_id = :id AND event_type = 'case_created'")
                    .param("id", closed)
                    .query(OffsetDateTime.class)
                    .single();
            PageSession page = PageSession.signIn(
                    api.base(),
                    new TestAccounts.Account(vp, "demo-vp", byUser.get("demo-vp"), Role.VP, "Demo Vicepresident"));
            String html = page.get("/cases/" + closed).body();
            assertThat(html)
                    .contains(DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm:ss", Locale.forLanguageTag("nl"))
                            .format(OfficeTime.inOffice(opened)))
                    .contains("Ingevoerd op");
            // the Vice President's morning: re-opened cases, and the letters that came in today
            assertThat(page.htmx("/today/reopened").body()).contains("VP-20");
            PageSession secretaryPage = PageSession.signIn(
                    api.base(),
                    new TestAccounts.Account(
                            secretary,
                            "demo-secretary",
                            byUser.get("demo-secretary"),
                            Role.SECRETARY,
                            "Demo Secretaresse"));
            assertThat(secretaryPage.htmx("/today/documents").body()).contains("Nagekomen brief");
            assertDocuments(owner);
        }

        try (ConfigurableApplicationContext second = StandaloneApplication.start(dataDir, true, "vpflow.demo=true")) {
            JdbcClient owner = owner(second);
            assertThat(counts(owner)).isEqualTo(firstCounts);
            assertThat(Files.readString(dataDir.resolve("demo-passwords"))).isEqualTo(passwords);
        }
    }

    @Test
    void onTheV10SchemaTheOfficeHasItsWeeksWithoutWhatLaterPlansBring() {
        Path dataDir = IntegrationTest.newDataDir("demo-v10");
        try (ConfigurableApplicationContext app =
                StandaloneApplication.start(dataDir, true, "vpflow.demo=true", "vpflow.schema-target=v1.0")) {
            JdbcClient owner = owner(app);
            assertThat(count(owner, "SELECT count(*) FROM audit_logs WHERE event_type = 'demo_data_seeded'"))
                    .isEqualTo(1);
            assertThat(count(
                            owner,
                            "SELECT count(*) FROM to_regclass('vpflow.documents') WHERE to_regclass IS NOT NULL"))
                    .isZero();
            assertThat(count(owner, "SELECT count(*) FROM cases")).isBetween(36L, 120L);
            assertThat(count(
                            owner,
                            "SELECT count(DISTINCT (created_at AT TIME ZONE 'America/Paramaribo')::date) FROM"
                                    + " cases"))
                    .isGreaterThanOrEqualTo(20);
            assertThat(count(owner, "SELECT count(*) FROM history_window WHERE open_until IS NOT NULL"))
                    .isZero();
        }
    }

    @Test
    void aDatabaseThatHoldsRecordsIsLeftAlone() {
        Path dataDir = IntegrationTest.newDataDir("demo-skip");
        try (ConfigurableApplicationContext plain = StandaloneApplication.start(dataDir, false)) {
            JdbcClient owner = owner(plain);
            plain.getBean(Operators.class)
                    .runAs(
                            Role.SECRETARY,
                            "web",
                            () -> plain.getBean(GuestService.class)
                                    .create(new NewGuest("Ruth Waterberg", null, null, null, null, null, null)));
        }
        try (ConfigurableApplicationContext demo = StandaloneApplication.start(dataDir, true, "vpflow.demo=true")) {
            JdbcClient owner = owner(demo);
            assertThat(count(owner, "SELECT count(*) FROM guests")).isEqualTo(1);
            assertThat(count(owner, "SELECT count(*) FROM users WHERE username LIKE 'demo-%'"))
                    .isZero();
            assertThat(count(owner, "SELECT count(*) FROM audit_logs WHERE event_type = 'demo_data_seeded'"))
                    .isZero();
            assertThat(dataDir.resolve("demo-passwords")).doesNotExist();
        }
    }

    private static void assertGuests(JdbcClient owner) {
        // 300 people, and the secretariat of the Council of Ministers that the series is booked with
        assertThat(count(owner, "SELECT count(*) FROM guests")).isEqualTo(301);
        assertThat(count(owner, "SELECT count(*) FROM guests WHERE archived_at IS NOT NULL"))
                .isEqualTo(6);
        // names as they are written in Suriname, accents included, from many organisations
        assertThat(count(owner, "SELECT count(*) FROM guests WHERE full_name ~ '[éèëïüóíáç]'"))
                .isPositive();
        assertThat(count(owner, "SELECT count(DISTINCT organisation) FROM guests"))
                .isGreaterThan(40);
        assertThat(count(owner, "SELECT count(DISTINCT honorific) FROM guests")).isGreaterThan(5);
    }

    /** The appointments booked one by one (the Council of Ministers is a series, see assertSeries). */
    private static final String SINGLE = "(SELECT * FROM appointments WHERE series_id IS NULL) single";

    private static void assertAgenda(JdbcClient owner) {
        Map<String, Long> statuses = owner
                .sql("SELECT status::text, count(*) FROM " + SINGLE + " GROUP BY status")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(statuses).containsOnlyKeys("requested", "scheduled", "arrived", "completed", "cancelled", "no_show");
        long total = statuses.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isBetween(200L, 450L);
        // the past is over; guests arrive only today; nothing in the future has taken place
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM " + SINGLE + " WHERE starts_at < " + TODAY_START
                                + " AND status IN ('requested', 'scheduled', 'arrived')"))
                .isZero();
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM " + SINGLE + " WHERE status = 'arrived' AND starts_at >= " + TODAY_START
                                + " AND starts_at < " + TODAY_START + " + interval '1 day'"))
                .isEqualTo(statuses.get("arrived"));
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM " + SINGLE + " WHERE starts_at >= " + TODAY_START
                                + " + interval '1 day' AND status IN ('arrived', 'completed', 'no_show')"))
                .isZero();
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM " + SINGLE + " WHERE status = 'cancelled' AND btrim(status_reason) = ''"))
                .isZero();
        // six weeks back to six weeks ahead, in office hours
        LocalDate today = LocalDate.now(OfficeTime.ZONE);
        List<LocalDate> span = owner.sql("SELECT min((starts_at AT TIME ZONE 'America/Paramaribo')::date),"
                        + " max((starts_at AT TIME ZONE 'America/Paramaribo')::date) FROM " + SINGLE + "")
                .query((rs, n) -> List.of(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
                .single();
        assertThat(span.get(0)).isBetween(today.minusWeeks(6), today.minusWeeks(5));
        assertThat(span.get(1)).isBetween(today.plusWeeks(5), today.plusWeeks(6));
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM " + SINGLE + " WHERE (starts_at AT TIME ZONE 'America/Paramaribo')::time"
                                + " < '08:00' OR (ends_at AT TIME ZONE 'America/Paramaribo')::time > '17:00'"))
                .isZero();
    }

    /**
     * No guest is received on a public holiday (today always has its appointments); the calendar
     * holds 2026 and 2027, so a run in those years has holidays in the agenda's weeks.
     */
    private static void assertNoAppointmentsOnHolidays(JdbcClient owner) {
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM appointments a JOIN holidays h ON h.removed_at IS NULL AND h.day ="
                                + " (a.starts_at AT TIME ZONE 'America/Paramaribo')::date WHERE h.day <> (now() AT"
                                + " TIME ZONE 'America/Paramaribo')::date"))
                .isZero();
    }

    /** The Council of Ministers: every Thursday 07:00-08:00 from six weeks back, the past completed. */
    private static void assertSeries(JdbcClient owner) {
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM appointment_series WHERE subject = 'Raad van Ministers'"
                                + " AND rule = 'FREQ=WEEKLY;BYDAY=TH'"))
                .isEqualTo(1);
        LocalDate today = LocalDate.now(OfficeTime.ZONE);
        List<LocalDate> span = owner.sql("SELECT min((starts_at AT TIME ZONE 'America/Paramaribo')::date),"
                        + " max((starts_at AT TIME ZONE 'America/Paramaribo')::date) FROM appointments"
                        + " WHERE series_id IS NOT NULL")
                .query((rs, n) -> List.of(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
                .single();
        assertThat(span.get(0)).isBetween(today.minusWeeks(6), today.minusWeeks(5));
        assertThat(span.get(1)).isAfter(today.plusWeeks(50));
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM appointments WHERE series_id IS NOT NULL AND (extract(isodow FROM"
                                + " starts_at AT TIME ZONE 'America/Paramaribo') <> 4 OR (starts_at AT TIME ZONE"
                                + " 'America/Paramaribo')::time <> '07:00')"))
                .isZero();
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM appointments WHERE series_id IS NOT NULL AND ends_at < now()"
                                + " AND status <> 'completed'"))
                .isZero();
        assertThat(count(owner, "SELECT count(*) FROM appointments WHERE series_id IS NOT NULL"))
                .isBetween(55L, 60L);
    }

    private static void assertCases(JdbcClient owner, UUID vp) {
        Map<String, Long> states = owner
                .sql("SELECT state::text, count(*) FROM cases GROUP BY state")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(states).containsOnlyKeys("open", "in_progress", "closed", "reopened");
        assertThat(states.get("reopened")).isEqualTo(2);
        assertThat(List.of(states.get("open"), states.get("in_progress"), states.get("closed")))
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(12));
        assertThat(count(owner, "SELECT count(*) FROM cases")).isBetween(36L, 120L);
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM cases WHERE state = 'closed'" + " AND (closed_by <> '" + vp
                                + "' OR btrim(resolution) = '')"))
                .isZero();
        // cases from appointments that took place concern the appointment's guest
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM cases c JOIN appointments a ON a.id = c.appointment_id"
                                + " WHERE a.status = 'completed' AND c.guest_id = a.guest_id"))
                .isGreaterThanOrEqualTo(20);
        assertThat(count(owner, "SELECT count(*) FROM cases WHERE guest_id IS NULL"))
                .isPositive();
    }

    private static void assertAuditTrail(JdbcClient owner, Map<String, Long> counts, UUID vp, UUID secretary) {
        // every record has its real events, by the account that acted, marked as demo work
        assertThat(events(owner, "guest_created")).isEqualTo(counts.get("guests"));
        assertThat(events(owner, "guest_archived")).isEqualTo(counts.get("archived_guests"));
        assertThat(events(owner, "appointment_created")).isEqualTo(counts.get("appointments"));
        assertThat(events(owner, "case_created")).isEqualTo(counts.get("cases"));
        assertThat(events(owner, "case_closed")).isEqualTo(counts.get("closed") + counts.get("reopened"));
        assertThat(events(owner, "case_reopened")).isEqualTo(counts.get("reopened"));
        assertThat(events(owner, "appointment_completed")).isEqualTo(counts.get("completed"));
        assertThat(events(owner, "appointment_cancelled")).isEqualTo(counts.get("cancelled"));
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM audit_logs WHERE (event_type LIKE 'guest_%' OR event_type LIKE"
                                + " 'appointment_%' OR event_type LIKE 'case_%') AND (details->>'channel' <> 'demo'"
                                + " OR actor_id NOT IN ('" + vp + "', '" + secretary + "'))"))
                .isZero();
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM audit_logs WHERE event_type = 'case_closed' AND actor_id <> '" + vp
                                + "'"))
                .isZero();
        JsonNode seeded = seeded(owner).get("counts");
        assertThat(seeded.get("guests").asLong()).isEqualTo(counts.get("guests"));
        assertThat(seeded.get("appointments").asLong()).isEqualTo(counts.get("appointments"));
        assertThat(seeded.get("cases").asLong()).isEqualTo(counts.get("cases"));
        assertThat(seeded.get("case_states").get("closed").asLong()).isEqualTo(counts.get("closed"));
    }

    /**
     * The office's weeks, not the minute the demo was loaded: records and audit events carry the
     * moments they would have happened, in an order that makes sense, and say when they were written.
     */
    private static void assertHistory(JdbcClient owner) {
        assertThat(count(
                        owner,
                        "SELECT count(DISTINCT (created_at AT TIME ZONE 'America/Paramaribo')::date) FROM cases"))
                .as("days on which cases were opened")
                .isGreaterThanOrEqualTo(20);
        assertThat(count(
                        owner,
                        "SELECT max(n) FROM (SELECT count(*) AS n FROM cases GROUP BY"
                                + " date_trunc('minute', created_at)) m"))
                .as("cases opened in one minute")
                .isLessThanOrEqualTo(3);
        // on working days, in office hours (a few steps are tied to a moment, such as a check-in before 07:30)
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM audit_logs, LATERAL (SELECT occurred_at AT TIME ZONE 'America/Paramaribo'"
                                + " AS t) p WHERE details->>'entered_at' IS NOT NULL AND (extract(isodow FROM p.t) > 5"
                                + " OR p.t::time < '07:00' OR p.t::time >= '18:00')"))
                .as("dated events outside office hours")
                .isLessThan(
                        count(owner, "SELECT count(*) FROM audit_logs WHERE details->>'entered_at' IS NOT NULL") / 20);
        assertThat(count(owner, "SELECT count(*) FROM cases WHERE created_at < now() - interval '4 weeks'"))
                .isGreaterThan(5);
        assertThat(count(owner, "SELECT count(*) FROM guests WHERE created_at < now() - interval '6 weeks'"))
                .isGreaterThan(20);
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM cases WHERE state = 'closed' AND closed_at < now() - interval"
                                + " '1 week'"))
                .isGreaterThan(3);
        // one order of things
        Map<String, String> never = Map.of(
                "an appointment booked before its guest was registered",
                "SELECT count(*) FROM appointments a JOIN guests g ON g.id = a.guest_id WHERE a.created_at < g.created_at",
                "an appointment booked after it began",
                "SELECT count(*) FROM appointments WHERE created_at >= starts_at",
                "a guest checked in before the booking or after the end",
                "SELECT count(*) FROM appointments WHERE checked_in_at < created_at OR checked_in_at > ends_at",
                "a case opened before the appointment it follows ended",
                "SELECT count(*) FROM cases c JOIN appointments a ON a.id = c.appointment_id WHERE c.created_at < a.ends_at",
                "a case for a guest opened before the guest was registered",
                "SELECT count(*) FROM cases c JOIN guests g ON g.id = c.guest_id WHERE c.created_at < g.created_at",
                "a case closed or edited before it was opened",
                "SELECT count(*) FROM cases WHERE closed_at < created_at OR updated_at < created_at",
                "a guest archived before being registered",
                "SELECT count(*) FROM guests WHERE archived_at < created_at",
                "a note before its case",
                "SELECT count(*) FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE n.created_at < c.created_at",
                "anything in the future",
                "SELECT (SELECT count(*) FROM cases WHERE greatest(created_at, updated_at, closed_at) > now())"
                        + " + (SELECT count(*) FROM guests WHERE greatest(created_at, updated_at) > now())"
                        + " + (SELECT count(*) FROM appointments WHERE greatest(created_at, updated_at) > now())"
                        + " + (SELECT count(*) FROM audit_logs WHERE occurred_at > now())");
        never.forEach((what, sql) -> assertThat(count(owner, sql)).as(what).isZero());
        assertThat(count(owner, "SELECT count(*) FROM case_notes WHERE created_at < now() - interval '1 day'"))
                .isGreaterThan(3);

        // the audit trail tells the same story, in its own order, and keeps when each dated event was written
        assertThat(count(owner, "SELECT count(*) FROM audit_logs WHERE details->>'entered_at' IS NOT NULL"))
                .isGreaterThan(700);
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM audit_logs WHERE details->>'entered_at' IS NOT NULL AND (details->>'entered_at')::timestamptz"
                                + " < occurred_at + interval '1 day'"))
                .as("dated events written less than a day after their moment")
                .isLessThan(100);
        assertThat(
                        count(
                                owner,
                                "SELECT count(*) FROM (SELECT occurred_at, lag(occurred_at) OVER (ORDER BY seq) AS before"
                                        + " FROM audit_logs WHERE details->>'entered_at' IS NOT NULL) d WHERE occurred_at < before"))
                .as("dated events out of the order of the chain")
                .isZero();
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM audit_logs a JOIN cases c ON c.id = a.entity_id WHERE a.event_type ="
                                + " 'case_created' AND abs(extract(epoch FROM a.occurred_at - c.created_at)) > 1"))
                .as("a case's opening event at another moment than the case")
                .isZero();
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM audit_logs a JOIN guests g ON g.id = a.entity_id WHERE a.event_type ="
                                + " 'guest_created' AND abs(extract(epoch FROM a.occurred_at - g.created_at)) > 1"))
                .as("a guest's registration event at another moment than the guest")
                .isZero();
        // and the window is closed again: nothing more is dated back
        assertThat(count(owner, "SELECT count(*) FROM history_window WHERE open_until IS NOT NULL"))
                .isZero();
    }

    /** The office's papers: kept with their cases, after them, the Vice President's own for him alone. */
    private static void assertDocuments(JdbcClient owner) {
        long documents = count(owner, "SELECT count(*) FROM documents");
        assertThat(documents).isBetween(20L, 80L);
        assertThat(count(owner, "SELECT count(DISTINCT document_id) FROM document_links WHERE entity_type = 'case'"))
                .isEqualTo(documents);
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM documents d JOIN document_links l ON l.document_id = d.id"
                                + " JOIN cases c ON c.id = l.entity_id WHERE d.created_at < c.created_at"))
                .as("a document kept before its case was opened")
                .isZero();
        assertThat(count(owner, "SELECT count(*) FROM documents WHERE owner_role = 'vp'"))
                .isBetween(1L, 10L);
        assertThat(count(
                        owner,
                        "SELECT count(*) FROM documents WHERE created_at >= " + TODAY_START
                                + " AND title LIKE 'Nagekomen brief%'"))
                .isEqualTo(2);
        assertThat(count(owner, "SELECT count(*) FROM documents WHERE created_at < now() - interval '2 weeks'"))
                .isGreaterThan(5);
        assertThat(events(owner, "document_uploaded")).isEqualTo(documents);
        JsonNode seeded = seeded(owner);
        assertThat(seeded.get("counts").get("documents").asLong()).isEqualTo(documents);
    }

    /** The details of the event that says the demo was loaded. */
    private static JsonNode seeded(JdbcClient owner) {
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(owner.sql("SELECT details::text FROM audit_logs WHERE event_type = 'demo_data_seeded'")
                        .query(String.class)
                        .single());
    }

    private static Map<String, Long> counts(JdbcClient owner) {
        return Map.of(
                "guests", count(owner, "SELECT count(*) FROM guests"),
                "archived_guests", count(owner, "SELECT count(*) FROM guests WHERE archived_at IS NOT NULL"),
                "appointments", count(owner, "SELECT count(*) FROM appointments"),
                "completed", count(owner, "SELECT count(*) FROM appointments WHERE status = 'completed'"),
                "cancelled", count(owner, "SELECT count(*) FROM appointments WHERE status = 'cancelled'"),
                "cases", count(owner, "SELECT count(*) FROM cases"),
                "closed", count(owner, "SELECT count(*) FROM cases WHERE state = 'closed'"),
                "reopened", count(owner, "SELECT count(*) FROM cases WHERE state = 'reopened'"),
                "users", count(owner, "SELECT count(*) FROM users"),
                "seeded", count(owner, "SELECT count(*) FROM audit_logs WHERE event_type = 'demo_data_seeded'"));
    }

    private static long events(JdbcClient owner, String type) {
        return owner.sql("SELECT count(*) FROM audit_logs WHERE event_type = :type")
                .param("type", type)
                .query(Long.class)
                .single();
    }

    private static long count(JdbcClient owner, String sql) {
        return owner.sql(sql).query(Long.class).single();
    }

    private static UUID userId(JdbcClient owner, String username) {
        return owner.sql("SELECT id FROM users WHERE username = :u")
                .param("u", username)
                .query(UUID.class)
                .single();
    }

    private static JdbcClient owner(ConfigurableApplicationContext app) {
        return JdbcClient.create(app.getBean(OwnerDatabase.class).dataSource());
    }
}
