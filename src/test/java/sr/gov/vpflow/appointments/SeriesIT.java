package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import tools.jackson.databind.JsonNode;

/**
 * Recurring appointments through the real API and database: booking all or nothing (also when two
 * secretaries book at the same moment), holidays skipped, changes and cancellations of one, the
 * following or all occurrences, the rolling horizon, and the feed as a standard parser reads it.
 */
class SeriesIT extends IntegrationTest {

    /**
     * Each series takes a time of day of its own, early on Sunday mornings (the open-ended one at
     * 23:00), on weeks of its own, so that tests never meet; the other tests' slots are never on a
     * Sunday (Slots).
     */
    private static final AtomicInteger NEXT_TIME = new AtomicInteger();

    @Autowired
    private AppointmentRepository appointmentRepository;

    @Autowired
    private SeriesRepository seriesRepository;

    @Autowired
    private GuestService guestService;

    @Autowired
    private HolidayService holidayService;

    @Autowired
    private AuditLog auditLog;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private Operators operators;

    private Account secretary;
    private Account vp;
    private UUID guest;

    @BeforeEach
    void arrange() {
        secretary = accounts.create(Role.SECRETARY);
        vp = accounts.create(Role.VP);
        guest = UUID.fromString(api.post(
                        "/api/v1/guests",
                        secretary,
                        Map.of(
                                "full_name",
                                "Minister " + UUID.randomUUID().toString().substring(0, 8)))
                .json()
                .get("id")
                .asString());
    }

    /** A time of 20 minutes, between 02:00 and 07:00, that no other series in this run uses. */
    private static LocalTime nextTime() {
        int n = NEXT_TIME.getAndIncrement();
        assertThat(n).isLessThan(12);
        return LocalTime.of(2, 0).plusMinutes(25L * n);
    }

    private static OffsetDateTime at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(OfficeTime.ZONE).toOffsetDateTime();
    }

    /** The first given weekday at least {@code days} ahead. */
    private static LocalDate ahead(int days, DayOfWeek weekday) {
        LocalDate day = LocalDate.now(OfficeTime.ZONE).plusDays(days);
        while (day.getDayOfWeek() != weekday) {
            day = day.plusDays(1);
        }
        return day;
    }

    private Map<String, Object> series(OffsetDateTime start, String rule) {
        Map<String, Object> body = new HashMap<>();
        body.put("guest_id", guest.toString());
        body.put("subject", "Raad van Ministers");
        body.put("location", "Kabinet van de President");
        body.put("starts_at", start.toString());
        body.put("ends_at", start.plusMinutes(20).toString());
        body.put("rule", rule);
        return body;
    }

    private JsonNode book(Map<String, Object> body) {
        Response created = api.post("/api/v1/appointment-series", secretary, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/appointment-series/" + id(created.json()));
        return created.json();
    }

    private static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }

    private static List<JsonNode> occurrences(JsonNode series) {
        List<JsonNode> list = new ArrayList<>();
        series.get("occurrences").forEach(list::add);
        return list;
    }

    private JsonNode read(UUID series) {
        Response got = api.get("/api/v1/appointment-series/" + series, secretary);
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        return got.json();
    }

    private JsonNode appointment(UUID id) {
        return api.get("/api/v1/appointments/" + id, secretary).json();
    }

    private static OffsetDateTime time(JsonNode node, String field) {
        return OffsetDateTime.parse(node.get(field).asString());
    }

    private long seriesEvents(UUID series, String type) {
        return owner().sql("SELECT count(*) FROM audit_logs WHERE entity_type = 'appointment_series'"
                        + " AND entity_id = :id AND event_type = :type")
                .param("id", series)
                .param("type", type)
                .query(Long.class)
                .single();
    }

    @Test
    void aWeeklySeriesIsAnAppointmentForEachOccurrenceBookedAtOnce() {
        LocalDate first = ahead(30, DayOfWeek.SUNDAY);
        OffsetDateTime start = at(first, nextTime());
        JsonNode created = book(series(start, "FREQ=WEEKLY;BYDAY=SU;COUNT=5"));

        UUID id = id(created);
        assertThat(created.get("rule").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=SU;COUNT=5");
        List<JsonNode> occurrences = occurrences(created);
        assertThat(occurrences).hasSize(5);
        for (int i = 0; i < 5; i++) {
            JsonNode o = occurrences.get(i);
            assertThat(time(o, "starts_at")).isEqualTo(start.plusWeeks(i));
            assertThat(time(o, "occurrence_at")).isEqualTo(start.plusWeeks(i));
            assertThat(o.get("series_id").asString()).isEqualTo(id.toString());
            assertThat(o.get("status").asString()).isEqualTo("scheduled");
        }
        assertThat(created.get("skipped")).isEmpty();
        assertThat(seriesEvents(id, "appointment_series_created")).isEqualTo(1);
        // and each occurrence has its own history, as any appointment
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'appointment_created'"
                                + " AND entity_type = 'appointment' AND details->>'series_id' = :id")
                        .param("id", id.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(read(id).get("occurrences")).hasSize(5);

        // each occurrence is an appointment like any other: a booking on it is refused by the database's constraint
        Response clash = api.post(
                "/api/v1/appointments",
                secretary,
                AppointmentApiIT.booking(
                        guest,
                        start.plusWeeks(2).plusMinutes(5),
                        start.plusWeeks(2).plusMinutes(10)));
        assertThat(clash.status()).as(clash.toString()).isEqualTo(409);
        assertThat(clash.json().get("code").asString()).isEqualTo("appointment_overlap");
        assertThat(clash.json().get("conflicting_appointment").get("id").asString())
                .isEqualTo(occurrences.get(2).get("id").asString());
    }

    @Test
    void aSeriesThatWouldOverlapNamesEveryConflictAndBooksNothingUnlessTheFreeOnesAreAskedFor() {
        LocalDate first = ahead(70, DayOfWeek.SUNDAY);
        OffsetDateTime start = at(first, nextTime());
        List<UUID> taken = new ArrayList<>();
        for (int week : List.of(1, 3)) {
            Response booked = api.post(
                    "/api/v1/appointments",
                    vp,
                    AppointmentApiIT.booking(
                            guest, start.plusWeeks(week), start.plusWeeks(week).plusMinutes(10)));
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            taken.add(id(booked.json()));
        }
        long seriesBefore = owner().sql("SELECT count(*) FROM appointment_series")
                .query(Long.class)
                .single();

        Response refused =
                api.post("/api/v1/appointment-series", secretary, series(start, "FREQ=WEEKLY;BYDAY=SU;COUNT=5"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asString()).isEqualTo("series_overlap");
        List<JsonNode> conflicts = new ArrayList<>();
        refused.json().get("conflicts").forEach(conflicts::add);
        assertThat(conflicts).hasSize(2);
        assertThat(time(conflicts.get(0), "starts_at")).isEqualTo(start.plusWeeks(1));
        assertThat(conflicts.get(0).get("conflicting_appointment").get("id").asString())
                .isEqualTo(taken.get(0).toString());
        assertThat(time(conflicts.get(1), "starts_at")).isEqualTo(start.plusWeeks(3));
        assertThat(conflicts.get(1).get("conflicting_appointment").get("id").asString())
                .isEqualTo(taken.get(1).toString());
        assertThat(owner().sql("SELECT count(*) FROM appointment_series")
                        .query(Long.class)
                        .single())
                .isEqualTo(seriesBefore);

        Map<String, Object> free = series(start, "FREQ=WEEKLY;BYDAY=SU;COUNT=5");
        free.put("book_free", true);
        JsonNode created = book(free);
        assertThat(occurrences(created))
                .extracting(o -> time(o, "starts_at"))
                .containsExactly(start, start.plusWeeks(2), start.plusWeeks(4));
        List<JsonNode> skipped = new ArrayList<>();
        created.get("skipped").forEach(skipped::add);
        assertThat(skipped).extracting(s -> s.get("reason").asString()).containsExactly("overlap", "overlap");
        assertThat(skipped)
                .extracting(s -> s.get("conflicting_appointment_id").asString())
                .containsExactly(taken.get(0).toString(), taken.get(1).toString());
        // read later, the rule's starts without an appointment are still named
        assertThat(read(id(created)).get("skipped")).hasSize(2);
    }

    @Test
    void twoSecretariesBookingOverlappingSeriesAtTheSameMomentGetOneWholeSeriesAndOneRefusal() throws Exception {
        Account other = accounts.create(Role.SECRETARY);
        LocalDate first = ahead(110, DayOfWeek.SUNDAY);
        OffsetDateTime start = at(first, nextTime());
        // the same Thursdays, the second series ten minutes later: every occurrence overlaps one of the other
        Map<String, Object> one = series(start, "FREQ=WEEKLY;BYDAY=SU;COUNT=8");
        Map<String, Object> two = series(start.plusMinutes(10), "FREQ=WEEKLY;BYDAY=SU;COUNT=8");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Response>> results = new ArrayList<>();
            for (Map.Entry<Account, Map<String, Object>> e :
                    List.of(Map.entry(secretary, one), Map.entry(other, two))) {
                results.add(pool.submit(() -> {
                    go.await();
                    return new Api(api.base()).post("/api/v1/appointment-series", e.getKey(), e.getValue());
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> f : results) {
                statuses.add(f.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 409);
            Response refused = results.get(statuses.indexOf(409)).get();
            assertThat(refused.json().get("code").asString()).isEqualTo("series_overlap");
            assertThat(refused.json().get("conflicts")).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> rows = owner().sql("SELECT series_id, count(*) AS n FROM appointments"
                        + " WHERE guest_id = :guest AND series_id IS NOT NULL GROUP BY series_id")
                .param("guest", guest)
                .query()
                .listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(((Number) rows.get(0).get("n")).intValue()).isEqualTo(8);
        assertThat(owner().sql("SELECT count(*) FROM appointment_series WHERE guest_id = :guest")
                        .param("guest", guest)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void holidaysAreSkippedWhenAskedAndNamedAsSuch() {
        // a holiday the administrator enters on a Thursday well ahead, and a weekly series around it
        LocalDate holiday = ahead(260, DayOfWeek.SUNDAY);
        Account admin = accounts.create(Role.ADMIN);
        Response entered = api.post(
                "/api/v1/holidays",
                admin,
                Map.of("day", holiday.toString(), "name_nl", "Proefdag", "name_en", "Test day"));
        assertThat(entered.status()).as(entered.toString()).isEqualTo(201);
        OffsetDateTime start = at(holiday.minusWeeks(2), nextTime());
        Map<String, Object> body = series(start, "FREQ=WEEKLY;BYDAY=SU;COUNT=4");
        body.put("skip_holidays", true);
        JsonNode created = book(body);
        assertThat(occurrences(created))
                .extracting(o -> time(o, "starts_at").toLocalDate())
                .containsExactly(holiday.minusWeeks(2), holiday.minusWeeks(1), holiday.plusWeeks(1));
        assertThat(created.get("skipped")).hasSize(1);
        assertThat(created.get("skipped").get(0).get("reason").asString()).isEqualTo("holiday");
        assertThat(time(created.get("skipped").get(0), "starts_at").toLocalDate())
                .isEqualTo(holiday);
        assertThat(read(id(created)).get("skipped").get(0).get("reason").asString())
                .isEqualTo("holiday");
        // the feed leaves the holiday out
        assertThat(feedText()).contains("EXDATE;TZID=America/Paramaribo:" + local(at(holiday, start.toLocalTime())));
    }

    @Test
    void badRulesAndTimesAreRefusedClearlyAndBookNothing() {
        long before = owner().sql("SELECT count(*) FROM appointment_series")
                .query(Long.class)
                .single();
        OffsetDateTime start = at(ahead(60, DayOfWeek.SUNDAY), LocalTime.of(7, 30));
        Map<String, Object> hourly = series(start, "FREQ=WEEKLY;BYHOUR=9");
        Response refused = api.post("/api/v1/appointment-series", secretary, hourly);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("code").asString()).isEqualTo("invalid_rule");
        assertThat(refused.json().get("field").asString()).isEqualTo("rule");

        Map<String, Object> past = series(start.minusYears(1), "FREQ=WEEKLY;BYDAY=SU;COUNT=2");
        assertThat(api.post("/api/v1/appointment-series", secretary, past)
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("appointment_in_past");

        Map<String, Object> none = series(start, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30");
        assertThat(api.post("/api/v1/appointment-series", secretary, none)
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("series_without_occurrences");

        Account admin = accounts.create(Role.ADMIN);
        assertThat(api.post("/api/v1/appointment-series", admin, series(start, "FREQ=WEEKLY;COUNT=2"))
                        .status())
                .isEqualTo(403);
        assertThat(owner().sql("SELECT count(*) FROM appointment_series")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void oneTheFollowingOrAllOccurrencesChangeAndTheFeedWritesTheSeriesAsOneEventThatAParserExpands() throws Exception {
        LocalDate first = ahead(170, DayOfWeek.SUNDAY);
        LocalTime time = nextTime();
        OffsetDateTime start = at(first, time);
        JsonNode created = book(series(start, "FREQ=WEEKLY;BYDAY=SU;COUNT=6"));
        UUID seriesId = id(created);
        List<UUID> occ = occurrences(created).stream().map(SeriesIT::id).toList();

        // one: the second is cancelled, the third moved an hour later
        Response cancelOne = api.post(
                "/api/v1/appointments/" + occ.get(1) + "/cancel", secretary, Map.of("reason", "Reis naar Brazilië"));
        assertThat(cancelOne.status()).as(cancelOne.toString()).isEqualTo(200);
        JsonNode third = appointment(occ.get(2));
        Response moveOne = api.post(
                "/api/v1/appointments/" + occ.get(2) + "/reschedule",
                secretary,
                Map.of(
                        "starts_at", start.plusWeeks(2).plusHours(1).toString(),
                        "ends_at",
                                start.plusWeeks(2).plusHours(1).plusMinutes(20).toString(),
                        "reason", "Later begonnen",
                        "version", third.get("version").asInt()));
        assertThat(moveOne.status()).as(moveOne.toString()).isEqualTo(200);
        assertThat(appointment(occ.get(3)).get("status").asString()).isEqualTo("scheduled");

        // the feed: one event with the rule, the cancelled one excluded, the moved one on its own
        Calendar calendar = feed();
        VEvent master = seriesEvent(calendar, seriesId, false);
        assertThat(new Recur<>(master.getProperty("RRULE").orElseThrow().getValue()))
                .isEqualTo(new Recur<>("FREQ=WEEKLY;BYDAY=SU;COUNT=6"));
        assertThat(master.getProperty("EXDATE").orElseThrow().getValue()).isEqualTo(local(start.plusWeeks(1)));
        VEvent moved = seriesEvent(calendar, seriesId, true);
        assertThat(moved.getProperty("RECURRENCE-ID").orElseThrow().getValue()).isEqualTo(local(start.plusWeeks(2)));
        assertThat(expand(master))
                .isEqualTo(Set.of(
                        start.toInstant(),
                        start.plusWeeks(2).toInstant(),
                        start.plusWeeks(3).toInstant(),
                        start.plusWeeks(4).toInstant(),
                        start.plusWeeks(5).toInstant()));

        // the following: from the fourth on, another subject; the series is split there
        JsonNode fourth = appointment(occ.get(3));
        Response following = api.patch(
                "/api/v1/appointments/" + occ.get(3) + "?scope=following",
                secretary,
                Map.of(
                        "subject",
                        "Raad van Ministers (extra)",
                        "version",
                        fourth.get("version").asInt()));
        assertThat(following.status()).as(following.toString()).isEqualTo(200);
        UUID split = UUID.fromString(following.json().get("series_id").asString());
        assertThat(split).isNotEqualTo(seriesId);
        JsonNode old = read(seriesId);
        assertThat(old.get("rule").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=SU;UNTIL=" + utc(start.plusWeeks(3)));
        assertThat(old.get("occurrences")).hasSize(3);
        JsonNode splitOff = read(split);
        assertThat(splitOff.get("rule").asString()).isEqualTo("FREQ=WEEKLY;BYDAY=SU;COUNT=3");
        assertThat(splitOff.get("subject").asString()).isEqualTo("Raad van Ministers (extra)");
        assertThat(occurrences(splitOff))
                .extracting(o -> o.get("subject").asString())
                .containsOnly("Raad van Ministers (extra)");
        assertThat(appointment(occ.get(0)).get("subject").asString()).isEqualTo("Raad van Ministers");
        assertThat(seriesEvents(seriesId, "appointment_series_updated")).isEqualTo(1);
        assertThat(seriesEvents(split, "appointment_series_created")).isEqualTo(1);

        // all (of the first series): half an hour later on their own day; the moved one follows the rule again,
        // the cancelled one stays cancelled
        JsonNode firstOne = appointment(occ.get(0));
        Response all = api.post(
                "/api/v1/appointments/" + occ.get(0) + "/reschedule?scope=all",
                vp,
                Map.of(
                        "starts_at", start.plusMinutes(30).toString(),
                        "ends_at", start.plusMinutes(60).toString(),
                        "reason", "Andere vergadertijd",
                        "version", firstOne.get("version").asInt()));
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(time(appointment(occ.get(0)), "starts_at")).isEqualTo(start.plusMinutes(30));
        assertThat(time(appointment(occ.get(0)), "ends_at")).isEqualTo(start.plusMinutes(60));
        assertThat(time(appointment(occ.get(2)), "starts_at"))
                .isEqualTo(start.plusWeeks(2).plusMinutes(30));
        assertThat(appointment(occ.get(1)).get("status").asString()).isEqualTo("cancelled");
        assertThat(time(appointment(occ.get(3)), "starts_at")).isEqualTo(start.plusWeeks(3));
        assertThat(time(read(seriesId), "starts_at")).isEqualTo(start.plusMinutes(30));

        Calendar after = feed();
        VEvent moved2 = seriesEvent(after, seriesId, false);
        assertThat(expand(moved2))
                .isEqualTo(Set.of(
                        start.plusMinutes(30).toInstant(),
                        start.plusWeeks(2).plusMinutes(30).toInstant()));
        assertThat(expand(seriesEvent(after, split, false)))
                .isEqualTo(Set.of(
                        start.plusWeeks(3).toInstant(),
                        start.plusWeeks(4).toInstant(),
                        start.plusWeeks(5).toInstant()));

        // to another day: refused, nothing changed
        JsonNode now = appointment(occ.get(0));
        Response otherDay = api.post(
                "/api/v1/appointments/" + occ.get(0) + "/reschedule?scope=all",
                secretary,
                Map.of(
                        "starts_at", start.plusDays(1).toString(),
                        "ends_at", start.plusDays(1).plusMinutes(20).toString(),
                        "reason", "Andere dag",
                        "version", now.get("version").asInt()));
        assertThat(otherDay.status()).as(otherDay.toString()).isEqualTo(422);
        assertThat(otherDay.json().get("code").asString()).isEqualTo("series_day_change");
        assertThat(appointment(occ.get(0)).get("version").asInt())
                .isEqualTo(now.get("version").asInt());

        // an overlap for one of the following: every conflict named, none moved
        OffsetDateTime blocker = start.plusWeeks(5).plusHours(2);
        Response blocking =
                api.post("/api/v1/appointments", vp, AppointmentApiIT.booking(guest, blocker, blocker.plusMinutes(5)));
        assertThat(blocking.status()).as(blocking.toString()).isEqualTo(201);
        JsonNode fourthNow = appointment(occ.get(3));
        Response clash = api.post(
                "/api/v1/appointments/" + occ.get(3) + "/reschedule?scope=following",
                secretary,
                Map.of(
                        "starts_at", start.plusWeeks(3).plusHours(2).toString(),
                        "ends_at",
                                start.plusWeeks(3).plusHours(2).plusMinutes(20).toString(),
                        "reason", "Later",
                        "version", fourthNow.get("version").asInt()));
        assertThat(clash.status()).as(clash.toString()).isEqualTo(409);
        assertThat(clash.json().get("code").asString()).isEqualTo("series_overlap");
        assertThat(clash.json().get("conflicts")).hasSize(1);
        assertThat(time(appointment(occ.get(3)), "starts_at")).isEqualTo(start.plusWeeks(3));
        assertThat(time(appointment(occ.get(5)), "starts_at")).isEqualTo(start.plusWeeks(5));

        // a guest is mailed about one appointment at a time: asked for a series, it is refused, nothing changes
        Response noticed = api.post(
                "/api/v1/appointments/" + occ.get(4) + "/cancel?scope=all",
                secretary,
                Map.of("reason", "Vervalt", "notify_guest", true));
        assertThat(noticed.status()).as(noticed.toString()).isEqualTo(422);
        assertThat(noticed.json().get("code").asString()).isEqualTo("series_notice");
        assertThat(appointment(occ.get(4)).get("status").asString()).isEqualTo("scheduled");

        // cancel all of the split series: every one cancelled, the series ended, and no further change
        Response cancelAll = api.post(
                "/api/v1/appointments/" + occ.get(4) + "/cancel?scope=all", secretary, Map.of("reason", "Vervalt"));
        assertThat(cancelAll.status()).as(cancelAll.toString()).isEqualTo(200);
        for (int i = 3; i < 6; i++) {
            assertThat(appointment(occ.get(i)).get("status").asString()).isEqualTo("cancelled");
            assertThat(appointment(occ.get(i)).get("status_reason").asString()).isEqualTo("Vervalt");
        }
        assertThat(read(split).get("cancelled_at").isNull()).isFalse();
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE event_type = 'appointment_cancelled'"
                                + " AND details->>'series_id' = :id AND details->>'scope' = 'all'")
                        .param("id", split.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(seriesEvent(feed(), split, false)
                        .getProperty("STATUS")
                        .orElseThrow()
                        .getValue())
                .isEqualTo("CANCELLED");
        Response afterCancel = api.patch(
                "/api/v1/appointments/" + occ.get(3) + "?scope=all",
                secretary,
                Map.of(
                        "subject",
                        "Toch",
                        "version",
                        appointment(occ.get(3)).get("version").asInt()));
        assertThat(afterCancel.status()).isEqualTo(409);
        assertThat(afterCancel.json().get("code").asString()).isEqualTo("series_cancelled");

        // an appointment on its own has no series to reach
        Response single = api.post(
                "/api/v1/appointments/" + id(blocking.json()) + "/cancel?scope=following",
                secretary,
                Map.of("reason", "x"));
        assertThat(single.status()).isEqualTo(409);
        assertThat(single.json().get("code").asString()).isEqualTo("not_in_series");
        assertThat(api.post(
                                "/api/v1/appointments/" + occ.get(0) + "/cancel?scope=some",
                                secretary,
                                Map.of("reason", "x"))
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("invalid_scope");
    }

    /**
     * What a secretary's token can do with SQL on the application's login: a series is history once
     * booked, and occurrences do not wander between series.
     */
    @Test
    void theDatabaseKeepsASeriesHistoryWhateverTheApplicationsLoginSends() {
        OffsetDateTime start = at(ahead(215, DayOfWeek.SUNDAY), nextTime());
        JsonNode created = book(series(start, "FREQ=WEEKLY;BYDAY=SU;COUNT=3"));
        UUID id = id(created);
        UUID first = id(occurrences(created).get(0));
        JsonNode other = book(series(at(start.toLocalDate().plusWeeks(4), nextTime()), "FREQ=WEEKLY;BYDAY=SU;COUNT=2"));
        UUID otherId = id(other);
        for (String attack : List.of(
                "UPDATE appointment_series SET rule = 'FREQ=DAILY;COUNT=3' WHERE id = '" + id + "'",
                "UPDATE appointment_series SET starts_at = starts_at + interval '3 days' WHERE id = '" + id + "'",
                "UPDATE appointment_series SET booked_until = booked_until - interval '90 days' WHERE id = '" + id
                        + "'",
                "UPDATE appointments SET series_id = '" + otherId + "' WHERE id = '" + first + "'",
                "UPDATE appointments SET series_id = NULL, occurrence_at = NULL WHERE id = '" + first + "'",
                "UPDATE appointments SET occurrence_at = occurrence_at + interval '2 days' WHERE id = '" + first + "'",
                "INSERT INTO appointments (guest_id, subject, starts_at, ends_at, series_id, occurrence_at) VALUES ('"
                        + UUID.randomUUID()
                        + "', 'x', now() + interval '900 days', now() + interval '900 days 1 hour', '"
                        + id + "', now() + interval '900 days')")) {
            assertThat(sqlState(() -> as(secretary, () -> jdbc.sql(attack).update())))
                    .as(attack)
                    .isIn("VPF03", "23503");
        }
        // a series made in the same transaction, but not split from this one, takes none of its occurrences
        String stolen = sqlState(() -> as(secretary, () -> {
            UUID thief = jdbc.sql("INSERT INTO appointment_series (guest_id, subject, starts_at, ends_at, rule,"
                            + " booked_until) VALUES (:g, 'x', now() + interval '800 days', now() + interval '800 days"
                            + " 20 minutes', 'FREQ=WEEKLY', now() + interval '800 days') RETURNING id")
                    .param("g", guest)
                    .query(UUID.class)
                    .single();
            return jdbc.sql("UPDATE appointments SET series_id = :thief WHERE id = :first")
                    .param("thief", thief)
                    .param("first", first)
                    .update();
        }));
        assertThat(stolen).isEqualTo("VPF03");

        // cancelled, a series is frozen, and nothing joins it
        Response cancelled =
                api.post("/api/v1/appointments/" + first + "/cancel?scope=all", secretary, Map.of("reason", "Vervalt"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(sqlState(() -> as(
                        secretary,
                        () -> jdbc.sql("UPDATE appointment_series SET subject = 'Anders' WHERE id = :id")
                                .param("id", id)
                                .update())))
                .isEqualTo("VPF03");
        assertThat(sqlState(() -> as(
                        secretary,
                        () -> jdbc.sql(
                                        "INSERT INTO appointments (guest_id, subject,"
                                                + " starts_at, ends_at, series_id, occurrence_at) VALUES (:g, 'x', now() + interval"
                                                + " '901 days', now() + interval '901 days 1 hour', :s, now() + interval '901 days')")
                                .param("g", guest)
                                .param("s", id)
                                .update())))
                .isEqualTo("VPF03");
        assertThat(owner().sql("SELECT rule FROM appointment_series WHERE id = :id")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .as("the cancelled series' rule ends before its first cancelled occurrence")
                .startsWith("FREQ=WEEKLY;BYDAY=SU;UNTIL=");
    }

    /** The SQLSTATE the database answered, or "none" when it let the work through. */
    private static String sqlState(Runnable work) {
        try {
            work.run();
            return "none";
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null) {
                if (cause instanceof java.sql.SQLException sql) {
                    return sql.getSQLState();
                }
                cause = cause.getCause();
            }
            throw e;
        }
    }

    @Test
    void theHorizonMovesOnAndTwoInstancesExtendingAtOnceMakeEachOccurrenceOnce() throws Exception {
        OffsetDateTime start = at(ahead(30, DayOfWeek.SUNDAY), LocalTime.of(23, 0));
        JsonNode created = book(series(start, "FREQ=WEEKLY;BYDAY=SU"));
        UUID id = id(created);
        int booked = created.get("occurrences").size();
        assertThat(booked).isBetween(48, 53);
        OffsetDateTime bookedUntil = time(created, "booked_until");
        assertThat(Duration.between(Instant.now(), bookedUntil.toInstant()).toDays())
                .isBetween(365L, 366L);

        // ninety days later, as two instances at the same moment
        Clock later = Clock.offset(Clock.systemUTC(), Duration.ofDays(90));
        List<SeriesService> instances = List.of(instance(later), instance(later));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> made = new ArrayList<>();
        try {
            for (SeriesService s : instances) {
                made.add(pool.submit(() -> {
                    go.await();
                    Instant horizon = later.instant().plus(SeriesService.HORIZON);
                    return operators.callAs(
                            Role.SECRETARY,
                            "system",
                            () -> tx.execute(status -> {
                                int n = 0;
                                for (UUID due : s.dueForExtension(horizon, null, 1000)) {
                                    n += due.equals(id) ? s.extend(due, horizon) : 0;
                                }
                                return n;
                            }));
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : made) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            JsonNode extended = read(id);
            List<JsonNode> all = occurrences(extended);
            assertThat(total).isEqualTo(all.size() - booked);
            assertThat(all.size() - booked).isBetween(12, 14);
            assertThat(all.stream().map(o -> o.get("occurrence_at").asString()).collect(Collectors.toSet()))
                    .hasSize(all.size());
            for (int i = 0; i < all.size(); i++) {
                assertThat(time(all.get(i), "starts_at")).isEqualTo(start.plusWeeks(i));
            }
            assertThat(seriesEvents(id, "appointment_series_extended")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private SeriesService instance(Clock clock) {
        return new SeriesService(
                appointmentRepository, seriesRepository, guestService, holidayService, auditLog, transactions, clock);
    }

    private Calendar feed() throws Exception {
        return new CalendarBuilder().build(new StringReader(feedText()));
    }

    private String feedText() {
        Response feed = api.basic("/api/v1/agenda.ics", vp.username(), vp.password());
        assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
        return feed.body();
    }

    private static VEvent seriesEvent(Calendar calendar, UUID series, boolean override) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getUid().orElseThrow().getValue().equals(AgendaFeed.seriesUid(series)))
                .filter(e -> e.getProperty("RECURRENCE-ID").isPresent() == override)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event of series " + series + " in the feed"));
    }

    /** The starts of an event's recurrence set as ical4j computes it from RRULE and EXDATE. */
    private static Set<Instant> expand(VEvent event) {
        ZonedDateTime from = ZonedDateTime.now(OfficeTime.ZONE).minusYears(1);
        ZonedDateTime to = from.plusYears(3);
        return event.<ZonedDateTime>calculateRecurrenceSet(new Period<>(from, to)).stream()
                .map(p -> p.getStart().toInstant())
                .collect(Collectors.toSet());
    }

    private static String local(OffsetDateTime time) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                .format(time.atZoneSameInstant(OfficeTime.ZONE));
    }

    private static String utc(OffsetDateTime next) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .format(next.toInstant().minusSeconds(1).atOffset(java.time.ZoneOffset.UTC));
    }
}
