package sr.gov.vpflow.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.appointments.AppointmentService;
import sr.gov.vpflow.appointments.SeriesView;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.cases.CaseFilter;
import sr.gov.vpflow.cases.CaseService;
import sr.gov.vpflow.documents.DocumentUploads;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.holidays.Holiday;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.TokenKind;
import sr.gov.vpflow.platform.db.HistoryWindow;
import sr.gov.vpflow.platform.db.Identities;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Loads the demonstration data once the server is up, into a database that holds no guest,
 * appointment or case yet. Everything goes through the services as the demo accounts, so every
 * record has its audit events and every database rule and row-level security policy applies.
 * The office's weeks are planned first and then played in the order they would have happened,
 * each step one transaction of one account, dated back to its moment: the records and audit
 * events carry the times of an office that has worked for weeks (the database's history window,
 * which the owner opened at start-up for this and which is closed when the demo is loaded).
 */
final class DemoData {

    static final long SEED = 20250425L;
    static final int GUESTS = 300;
    static final int ARCHIVED = 6;
    static final String CHANNEL = "demo";
    /** How far back the office's history reaches (the agenda's six weeks, bookings before them). */
    static final Duration HISTORY = Duration.ofDays(84);

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final GuestService guests;
    private final AppointmentService appointments;
    private final CaseService cases;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final DemoAccounts accounts;
    private final Access access;
    private final DemoClock clock;
    private final DemoSeries seriesMaker;
    private final HistoryWindow history;
    private final DocumentUploads uploads;
    private final HolidayService holidays;
    private final SchemaFeatures features;
    private final PrintStream console;

    DemoData(
            GuestService guests,
            AppointmentService appointments,
            CaseService cases,
            AuditLog audit,
            TransactionTemplate tx,
            DemoAccounts accounts,
            Access access,
            DemoClock clock,
            DemoSeries seriesMaker,
            HistoryWindow history,
            DocumentUploads uploads,
            HolidayService holidays,
            SchemaFeatures features) {
        this.guests = guests;
        this.appointments = appointments;
        this.cases = cases;
        this.audit = audit;
        this.tx = tx;
        this.accounts = accounts;
        this.access = access;
        this.clock = clock;
        this.seriesMaker = seriesMaker;
        this.history = history;
        this.uploads = uploads;
        this.holidays = holidays;
        this.features = features;
        this.console = System.out;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadIfEmpty() {
        try {
            Optional<String> obstacle = obstacle();
            if (obstacle.isPresent()) {
                log.info("demo data not loaded: {}", obstacle.get());
                return;
            }
            load();
        } finally {
            // whatever happened, nothing more is dated back
            closeHistory();
        }
    }

    private void closeHistory() {
        access.operators().runAs(Role.ADMIN, CHANNEL, () -> tx.executeWithoutResult(s -> history.close()));
    }

    private Optional<String> obstacle() {
        boolean empty = access.operators()
                .callAs(
                        Role.VP,
                        CHANNEL,
                        () -> guests.search("", true, null, 1).items().isEmpty()
                                && appointments
                                        .list(null, null, null, Set.of(), null, 1)
                                        .items()
                                        .isEmpty()
                                && cases.list(CaseFilter.all(), null, 1).items().isEmpty());
        if (!empty) {
            return Optional.of("the database already holds guests, appointments or cases");
        }
        return accounts.obstacle();
    }

    private void load() {
        long started = System.nanoTime();
        Instant now = clock.system().instant();
        Random random = new Random(SEED);
        Timeline timeline = new Timeline(now, random);
        Instant since = now.minus(HISTORY);

        DemoAccounts.Account vp = accounts.vp();
        DemoAccounts.Account secretary = accounts.secretary();
        accounts.keep(vp, secretary);
        log.info(
                "demo data: accounts {} and {} created",
                vp.user().id(),
                secretary.user().id());

        // the plan: who comes when, what becomes of each appointment and case, each step at its moment
        DemoGuests guestMaker = new DemoGuests(guests, random);
        List<DemoGuests.Guest> planned = guestMaker.plan(GUESTS);
        DemoSeries.Council council = seriesMaker.councilOfMinisters(timeline);
        LocalDate today = OfficeTime.today(clock.system());
        Set<LocalDate> holidayDays = access.operators()
                .callAs(
                        Role.SECRETARY,
                        CHANNEL,
                        () ->
                                holidays
                                        .between(today.minusWeeks(DemoAgenda.WEEKS), today.plusWeeks(DemoAgenda.WEEKS))
                                        .stream()
                                        .map(Holiday::day)
                                        .collect(Collectors.toSet()));
        List<DemoAgenda.Booked> agenda = new DemoAgenda(appointments, random).fill(planned, holidayDays, timeline);
        Map<DemoGuests.Guest, Instant> firstBooked = new HashMap<>();
        for (DemoAgenda.Booked b : agenda) {
            firstBooked.merge(b.guest(), b.bookedAt(), (x, y) -> x.isBefore(y) ? x : y);
        }
        guestMaker.register(planned, firstBooked, timeline, since);
        DemoCases caseMaker = new DemoCases(cases, random);
        List<DemoCases.Plan> plans = caseMaker.plan(agenda, planned, today);
        caseMaker.schedule(plans, timeline, since);
        int reopened = cases.reopeningOffered() ? caseMaker.reopenSome(plans, timeline) : 0;
        int archived = archiveSome(planned, agenda, plans, timeline);
        int documents = features.isDocuments() ? new DemoDocuments(uploads, random).schedule(plans, timeline) : 0;
        boolean withNotes = cases.notesOffered();
        int notes = withNotes ? caseMaker.notes(plans, timeline) : 0;

        Instant from;
        try {
            from = run(timeline, vp, secretary);
        } finally {
            closeHistory();
        }
        log.info("demo data: {} guests registered, {} archived", planned.size() + 1, archived);
        Map<String, Long> statuses = count(agenda, b -> b.view().status());
        log.info("demo data: {} appointments booked and brought up to date: {}", agenda.size(), statuses);
        SeriesView series = council.series();
        log.info(
                "demo data: series {} booked with {} occurrences",
                series.id(),
                series.occurrences().size());
        if (withNotes) {
            log.info("demo data: {} case notes, some cases put forward for decision", notes);
        }
        Map<String, Long> states = count(plans, p -> p.view().state());
        log.info("demo data: {} cases opened and worked on, {} re-opened: {}", plans.size(), reopened, states);
        log.info("demo data: {} documents kept with their cases", documents);

        Map<String, Object> counts = new LinkedHashMap<>();
        // the people, and the secretariat of the Council of Ministers
        counts.put("guests", planned.size() + 1);
        counts.put("archived_guests", archived);
        counts.put("appointments", agenda.size() + series.occurrences().size());
        counts.put("series_occurrences", series.occurrences().size());
        counts.put("appointment_statuses", statuses);
        counts.put("cases", plans.size());
        counts.put("case_states", states);
        counts.put("documents", documents);
        access.operators()
                .runAs(
                        Role.ADMIN,
                        CHANNEL,
                        () -> tx.executeWithoutResult(s -> audit.record(new AuditEvent(
                                "demo_data_seeded",
                                "system",
                                null,
                                Map.of("counts", counts, "history_from", from.toString())))));
        log.info("demo data loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        announce(vp, secretary);
    }

    /**
     * Runs the timeline: each step in its own transaction, as its account, dated back to its
     * moment when that lies in the past (the database's history window and the demo clock).
     */
    private Instant run(Timeline timeline, DemoAccounts.Account vp, DemoAccounts.Account secretary) {
        Instant now = timeline.now();
        List<Timeline.Step> steps = timeline.inOrder();
        log.info(
                "demo data: {} steps from {} to today",
                steps.size(),
                OfficeTime.today(java.time.Clock.fixed(steps.get(0).at(), OfficeTime.ZONE)));
        Map<Timeline.Who, Identities.SignedIn> signedIn = new EnumMap<>(Timeline.Who.class);
        try {
            signedIn.put(Timeline.Who.VP, signIn(vp));
            signedIn.put(Timeline.Who.SECRETARY, signIn(secretary));
            long reported = System.nanoTime();
            // a step's events lie between its moment and its moment plus the time it took; the next begins after
            Instant floor = Instant.MIN;
            for (int i = 0; i < steps.size(); i++) {
                Timeline.Step step = steps.get(i);
                Instant at = step.at().isBefore(floor) ? floor : step.at();
                boolean dated = at.isBefore(now.minus(Timeline.PRESENT));
                Identities.SignedIn who = signedIn.get(step.who());
                Actor actor = new Actor(who.identity().userId(), who.identity().role(), CHANNEL, who.token());
                long began = System.nanoTime();
                ActorContext.callAs(
                        actor,
                        () -> tx.execute(status -> {
                            if (!dated) {
                                step.work().run();
                                return null;
                            }
                            history.backDate(at);
                            return clock.at(at, () -> {
                                step.work().run();
                                return null;
                            });
                        }));
                if (dated) {
                    floor = at.plusNanos(System.nanoTime() - began).plusMillis(1);
                }
                if (System.nanoTime() - reported > PROGRESS_EVERY.toNanos()) {
                    reported = System.nanoTime();
                    log.info(
                            "demo data: {} of {} steps done, the office's history up to {}",
                            i + 1,
                            steps.size(),
                            OfficeTime.today(java.time.Clock.fixed(at, OfficeTime.ZONE)));
                }
            }
        } finally {
            signedIn.values().forEach(s -> access.identities().end(s.token()));
        }
        return steps.get(0).at();
    }

    /**
     * A few guests of the past are archived some days after their last appointment: they no
     * longer come, their history stays. None that a case names or that is expected still.
     */
    private int archiveSome(
            List<DemoGuests.Guest> planned,
            List<DemoAgenda.Booked> agenda,
            List<DemoCases.Plan> plans,
            Timeline timeline) {
        Instant now = timeline.now();
        Map<DemoGuests.Guest, Instant> lastSeen = new HashMap<>();
        for (DemoAgenda.Booked b : agenda) {
            lastSeen.merge(b.guest(), b.settledAt(), (x, y) -> x.isAfter(y) ? x : y);
        }
        Set<DemoGuests.Guest> keep = agenda.stream()
                .filter(b -> b.end().toInstant().isAfter(now.minus(Duration.ofDays(1))))
                .map(DemoAgenda.Booked::guest)
                .collect(Collectors.toSet());
        plans.stream().map(DemoCases.Plan::guest).filter(Objects::nonNull).forEach(keep::add);
        int archived = 0;
        for (DemoGuests.Guest g : planned) {
            if (archived == ARCHIVED) {
                break;
            }
            if (keep.contains(g)) {
                continue;
            }
            Instant last = lastSeen.getOrDefault(g, g.registeredAt());
            timeline.at(
                    timeline.after(last, Duration.ofDays(2), Duration.ofDays(10)),
                    Timeline.Who.SECRETARY,
                    () -> guests.archive(g.id(), null, "Niet meer werkzaam bij de organisatie."));
            archived++;
        }
        return archived;
    }

    private Identities.SignedIn signIn(DemoAccounts.Account account) {
        return access.identities()
                .signIn(account.user().username(), account.password(), TokenKind.BASIC, CHANNEL)
                .orElseThrow(() -> new IllegalStateException(
                        "the demo account " + account.user().username() + " cannot sign in"));
    }

    private static <T> Map<String, Long> count(java.util.Collection<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    /**
     * Who to sign in as, on the console of whoever started the server; the passwords only in their
     * owner-only file (the console of a service is its log).
     */
    private void announce(DemoAccounts.Account vp, DemoAccounts.Account secretary) {
        console.println();
        console.println("  VP-Flow: the demonstration data has been loaded. Sign in as");
        console.println("    " + vp.user().username() + " (Vice President) or "
                + secretary.user().username() + " (secretary),");
        console.println(
                "  with the passwords in " + accounts.passwordFile().toAbsolutePath() + " (readable by you only).");
        console.println();
    }

    /** How the demo acts: as the system (operators) and as its two accounts (signing in). */
    record Access(Operators operators, Identities identities) {}
}
