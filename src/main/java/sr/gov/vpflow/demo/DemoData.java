package sr.gov.vpflow.demo;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
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
import sr.gov.vpflow.cases.CaseState;
import sr.gov.vpflow.cases.CaseView;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.TokenKind;
import sr.gov.vpflow.platform.db.Identities;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Loads the demonstration data once the server is up, into a database that holds no guest,
 * appointment or case yet. Everything goes through the services as the demo accounts, so every
 * record has its audit events and every database rule and row-level security policy applies.
 * Each phase is one transaction of one account.
 */
final class DemoData {

    static final long SEED = 20250425L;
    static final int GUESTS = 300;
    static final int ARCHIVED = 6;
    static final String CHANNEL = "demo";
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
            DemoSeries seriesMaker) {
        this.guests = guests;
        this.appointments = appointments;
        this.cases = cases;
        this.audit = audit;
        this.tx = tx;
        this.accounts = accounts;
        this.access = access;
        this.clock = clock;
        this.seriesMaker = seriesMaker;
        this.console = System.out;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadIfEmpty() {
        Optional<String> obstacle = obstacle();
        if (obstacle.isPresent()) {
            log.info("demo data not loaded: {}", obstacle.get());
            return;
        }
        load();
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

        DemoAccounts.Account vp = accounts.vp();
        DemoAccounts.Account secretary = accounts.secretary();
        accounts.keep(vp, secretary);
        log.info(
                "demo data: accounts {} and {} created",
                vp.user().id(),
                secretary.user().id());

        DemoGuests guestMaker = new DemoGuests(guests, random);
        List<DemoGuests.Guest> registered = as(secretary, () -> guestMaker.register(GUESTS));
        log.info("demo data: {} guests registered", registered.size());

        SeriesView council = as(secretary, () -> seriesMaker.councilOfMinisters(now));
        log.info(
                "demo data: series {} booked with {} occurrences",
                council.id(),
                council.occurrences().size());

        DemoAgenda agendaMaker = new DemoAgenda(appointments, clock, random);
        List<DemoAgenda.Booked> agenda = as(secretary, () -> agendaMaker.fill(registered, now));
        Map<String, Long> statuses = count(agenda, b -> b.view().status());
        log.info("demo data: {} appointments booked and brought up to date: {}", agenda.size(), statuses);

        int archived = as(secretary, () -> archiveSome(registered, agenda));
        log.info("demo data: {} guests archived", archived);

        DemoCases caseMaker = new DemoCases(cases, random);
        List<DemoCases.Plan> plans = caseMaker.plan(agenda, registered, OfficeTime.today(clock.system()));
        CaseView[] opened = new CaseView[plans.size()];
        as(
                vp,
                () -> eachPlan(plans, (p, i) -> {
                    if (p.byVp()) {
                        opened[i] = caseMaker.open(p);
                    }
                }));
        as(
                secretary,
                () -> eachPlan(plans, (p, i) -> {
                    opened[i] = caseMaker.work(p, p.byVp() ? opened[i] : caseMaker.open(p));
                }));
        as(
                vp,
                () -> eachPlan(plans, (p, i) -> {
                    if (p.target() == CaseState.CLOSED) {
                        opened[i] = caseMaker.close(opened[i].id());
                    }
                }));
        // v1.2: notes on some cases (closed ones too), the Vice President's own, cases for decision
        int[] notes = new int[1];
        boolean withNotes = cases.notesOffered()
                && as(secretary, () -> {
                    for (int i = 0; i < opened.length; i += 4) {
                        if (!caseMaker.note(opened[i].id(), false)) {
                            return false;
                        }
                        notes[0]++;
                    }
                    for (int i = 1; i < opened.length; i += 6) {
                        if (!"closed".equals(opened[i].state())) {
                            caseMaker.forDecision(opened[i].id());
                        }
                    }
                    return true;
                });
        if (withNotes) {
            as(vp, () -> {
                for (int i = 2; i < opened.length; i += 9) {
                    caseMaker.note(opened[i].id(), true);
                    notes[0]++;
                }
                return null;
            });
            log.info("demo data: {} case notes, some cases put forward for decision", notes[0]);
        }
        Map<String, Long> states = count(List.of(opened), CaseView::state);
        log.info("demo data: {} cases opened and worked on: {}", opened.length, states);

        Map<String, Object> counts = new LinkedHashMap<>();
        // the people, and the secretariat of the Council of Ministers
        counts.put("guests", registered.size() + 1);
        counts.put("archived_guests", archived);
        counts.put("appointments", agenda.size() + council.occurrences().size());
        counts.put("series_occurrences", council.occurrences().size());
        counts.put("appointment_statuses", statuses);
        counts.put("cases", opened.length);
        counts.put("case_states", states);
        access.operators()
                .runAs(
                        Role.ADMIN,
                        CHANNEL,
                        () -> tx.executeWithoutResult(s -> audit.record(
                                new AuditEvent("demo_data_seeded", "system", null, Map.of("counts", counts)))));
        log.info("demo data loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        announce(vp, secretary);
    }

    /** A few guests of the past are archived: they no longer come, their history stays. */
    private int archiveSome(List<DemoGuests.Guest> registered, List<DemoAgenda.Booked> agenda) {
        Instant now = clock.system().instant();
        Set<java.util.UUID> stillExpected = agenda.stream()
                .filter(b -> b.view().endsAt().toInstant().isAfter(now.minusSeconds(86_400)))
                .map(b -> b.guest().id())
                .collect(Collectors.toSet());
        List<DemoGuests.Guest> candidates = new ArrayList<>(
                registered.stream().filter(g -> !stillExpected.contains(g.id())).toList());
        int archived = 0;
        for (DemoGuests.Guest g : candidates.subList(0, Math.min(ARCHIVED, candidates.size()))) {
            guests.archive(g.id(), null, "Niet meer werkzaam bij de organisatie.");
            archived++;
        }
        return archived;
    }

    private static void eachPlan(List<DemoCases.Plan> plans, java.util.function.ObjIntConsumer<DemoCases.Plan> step) {
        for (int i = 0; i < plans.size(); i++) {
            step.accept(plans.get(i), i);
        }
    }

    /** Each account acts as itself: it signs in with its password, and its token ends with the work. */
    private <T> T as(DemoAccounts.Account account, Supplier<T> work) {
        Identities.SignedIn signedIn = access.identities()
                .signIn(account.user().username(), account.password(), TokenKind.BASIC, CHANNEL)
                .orElseThrow(() -> new IllegalStateException(
                        "the demo account " + account.user().username() + " cannot sign in"));
        Actor actor =
                new Actor(signedIn.identity().userId(), signedIn.identity().role(), CHANNEL, signedIn.token());
        try {
            return ActorContext.callAs(actor, () -> tx.execute(status -> work.get()));
        } finally {
            access.identities().end(signedIn.token());
        }
    }

    private void as(DemoAccounts.Account account, Runnable work) {
        as(account, () -> {
            work.run();
            return null;
        });
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
