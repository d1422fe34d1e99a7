package sr.gov.vpflow.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import sr.gov.vpflow.cases.CaseField;
import sr.gov.vpflow.cases.CasePriority;
import sr.gov.vpflow.cases.CaseService;
import sr.gov.vpflow.cases.CaseState;
import sr.gov.vpflow.cases.CaseView;
import sr.gov.vpflow.cases.CloseCase;
import sr.gov.vpflow.cases.EditCase;
import sr.gov.vpflow.cases.NewCaseNote;
import sr.gov.vpflow.cases.OpenCase;
import sr.gov.vpflow.cases.ReopenCase;

/**
 * The office's matters: cases opened from appointments that took place, for guests, and on the
 * office's own initiative; moved to in progress by the secretary and closed by the Vice President
 * with a resolution, each step through the case service.
 */
final class DemoCases {

    static final int FROM_APPOINTMENTS = 44;
    static final int FOR_GUESTS = 18;
    static final int OWN = 13;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl"));

    private static final List<String> OWN_MATTERS = List.of(
            "Bijdrage van het Kabinet aan de herdenking van Keti Koti",
            "Jaarplan van het Kabinet van de Vicepresident",
            "Coördinatie van de droogtebestrijding in het binnenland",
            "Rapportage over armoedebestrijding aan De Nationale Assemblee",
            "Voorbereiding van de Indigenous Peoples Day op 9 augustus",
            "Evaluatie van het rampenplan voor de kustdistricten",
            "Digitalisering van het archief van het Kabinet",
            "Voorbereiding van de begrotingsbehandeling",
            "Opvolging van de Raad van Ministers over de energietarieven",
            "Uitnodigingen voor de viering van Srefidensi op 25 november");

    private static final List<String> RESOLUTIONS = List.of(
            "Toegekend; de aanvrager wordt schriftelijk ingelicht.",
            "Doorverwezen naar het vakministerie, dat de uitvoering in de begroting opneemt.",
            "Afgewezen: valt buiten het beleid. Betrokkene is per brief geïnformeerd.",
            "Besproken in de Raad van Ministers; het besluit is aan de betrokkenen meegedeeld.",
            "Samenwerkingsovereenkomst ondertekend; uitvoering ligt bij het ministerie.",
            "Opgelost na overleg met de districtscommissaris.",
            "Verzoek ingetrokken door de aanvrager.",
            "Afgehandeld: het werk is uitgevoerd en ter plaatse gecontroleerd.");

    /** A case to make, the state it should end in, and the case itself once opened. */
    static final class Plan {
        private final Opening opening;
        private final LocalDate due;
        private final boolean byVp;
        private CaseState target;
        private final boolean viaInProgress;
        private final boolean edited;
        private Instant openedAt;
        private Instant lastStepAt;
        private CaseView view;

        private Plan(
                Opening opening, LocalDate due, boolean byVp, CaseState target, boolean viaInProgress, boolean edited) {
            this.opening = opening;
            this.due = due;
            this.byVp = byVp;
            this.target = target;
            this.viaInProgress = viaInProgress;
            this.edited = edited;
        }

        CaseState target() {
            return target;
        }

        String title() {
            return opening.title();
        }

        /** When it is opened (once planned). */
        Instant openedAt() {
            return openedAt;
        }

        /** The appointment the case follows, if any. */
        DemoAgenda.Booked appointment() {
            return opening.appointment();
        }

        /** The guest who wrote in, for a case opened on a letter. */
        DemoGuests.Guest writer() {
            return opening.guest();
        }

        /** The case as the service returned it last (once the timeline has run). */
        CaseView view() {
            if (view == null) {
                throw new IllegalStateException("the demo case " + opening.title() + " is not opened yet");
            }
            return view;
        }

        /** The guest the case is for, directly or through its appointment, if any. */
        DemoGuests.Guest guest() {
            return opening.appointment() != null ? opening.appointment().guest() : opening.guest();
        }
    }

    private record Opening(
            String title,
            String description,
            CasePriority priority,
            DemoGuests.Guest guest,
            DemoAgenda.Booked appointment) {}

    private final CaseService cases;
    private final Random random;

    DemoCases(CaseService cases, Random random) {
        this.cases = cases;
        this.random = random;
    }

    /** What to open, from which appointment or for which guest, and how far each case gets. */
    List<Plan> plan(List<DemoAgenda.Booked> agenda, List<DemoGuests.Guest> guests, LocalDate today) {
        List<Opening> openings = new ArrayList<>();
        List<DemoAgenda.Booked> completed = new ArrayList<>(
                agenda.stream().filter(b -> "completed".equals(b.outcome())).toList());
        Collections.shuffle(completed, random);
        for (DemoAgenda.Booked b : completed.subList(0, Math.min(FROM_APPOINTMENTS, completed.size()))) {
            openings.add(new Opening(
                    matter(b.guest()),
                    "Naar aanleiding van het gesprek van " + DAY.format(b.start()) + " (" + b.subject() + ").",
                    priority(),
                    null,
                    b));
        }
        for (int i = 0; i < FOR_GUESTS; i++) {
            DemoGuests.Guest guest = People.pick(random, guests);
            openings.add(new Opening(
                    matter(guest), "Schriftelijk verzoek, ontvangen op het secretariaat.", priority(), guest, null));
        }
        for (int i = 0; i < OWN; i++) {
            openings.add(new Opening(OWN_MATTERS.get(i % OWN_MATTERS.size()), null, priority(), null, null));
        }
        Collections.shuffle(openings, random);

        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < openings.size(); i++) {
            CaseState target = i % 10 < 4 ? CaseState.CLOSED : i % 10 < 7 ? CaseState.IN_PROGRESS : CaseState.OPEN;
            LocalDate due =
                    target == CaseState.CLOSED && random.nextBoolean() ? null : today.plusDays(random.nextInt(75) - 15);
            plans.add(new Plan(
                    openings.get(i),
                    due,
                    random.nextInt(7) == 0,
                    target,
                    target == CaseState.IN_PROGRESS || target == CaseState.CLOSED && random.nextBoolean(),
                    random.nextInt(4) == 0));
        }
        return plans;
    }

    /**
     * Each case's life at the moments it happened: opened (after the appointment it follows,
     * after its guest was registered, or on a day of the weeks the demo covers), moved along by
     * the secretary some days later and closed by the Vice President later still.
     */
    void schedule(List<Plan> plans, Timeline timeline, Instant since) {
        Instant lastDay = timeline.now().minus(Duration.ofDays(1));
        for (Plan p : plans) {
            Opening o = p.opening;
            Instant openAt;
            if (o.appointment() != null) {
                openAt = timeline.after(o.appointment().settledAt(), Duration.ofHours(1), Duration.ofHours(48));
            } else if (o.guest() != null) {
                openAt = timeline.between(o.guest().registeredAt().plus(Duration.ofHours(1)), lastDay);
            } else {
                openAt = timeline.between(since, lastDay);
            }
            p.openedAt = timeline.at(
                    openAt,
                    p.byVp ? Timeline.Who.VP : Timeline.Who.SECRETARY,
                    () -> p.view = cases.open(new OpenCase(
                            o.title(),
                            o.description(),
                            o.priority(),
                            p.due,
                            o.guest() == null ? null : o.guest().id(),
                            o.appointment() == null
                                    ? null
                                    : o.appointment().view().id())));
            p.lastStepAt = p.openedAt;
            if (p.edited) {
                step(
                        p,
                        timeline,
                        Duration.ofDays(3),
                        Timeline.Who.SECRETARY,
                        () -> cases.edit(
                                p.view().id(),
                                new EditCase(p.view().version(), Map.of(CaseField.PRIORITY, CasePriority.HIGH))));
            }
            if (p.viaInProgress) {
                step(
                        p,
                        timeline,
                        Duration.ofDays(5),
                        Timeline.Who.SECRETARY,
                        () -> cases.edit(
                                p.view().id(),
                                new EditCase(p.view().version(), Map.of(CaseField.STATE, CaseState.IN_PROGRESS))));
            }
            if (p.target == CaseState.CLOSED) {
                String resolution = People.pick(random, RESOLUTIONS);
                step(
                        p,
                        timeline,
                        Duration.ofDays(14),
                        Timeline.Who.VP,
                        () -> cases.close(p.view().id(), new CloseCase(resolution, null)));
            }
        }
    }

    /** A step of the case's life, an hour to {@code most} after its last one. */
    private static void step(Plan p, Timeline timeline, Duration most, Timeline.Who who, Supplier<CaseView> work) {
        p.lastStepAt =
                timeline.at(timeline.after(p.lastStepAt, Duration.ofHours(1), most), who, () -> p.view = work.get());
    }

    private static final List<String> NOTES = List.of(
            "Telefonisch contact gehad; de stukken volgen deze week.",
            "Advies van het ministerie opgevraagd.",
            "Betrokkene is op de hoogte gebracht van de stand van zaken.",
            "Nagekomen brief ontvangen en bij het dossier gevoegd.");

    private static final List<String> VP_NOTES = List.of(
            "Eerst overleggen met de minister voordat ik besluit.",
            "Persoonlijk: betrokkene is een oude bekende; zorgvuldig afwegen.");

    /**
     * Notes (v1.2) on some cases, closed ones too, between their opening and today; the Vice
     * President's own on a few; some cases put forward for the Vice President's decision after
     * their last step. The caller checks that the database has notes.
     */
    int notes(List<Plan> plans, Timeline timeline) {
        int notes = 0;
        for (int i = 0; i < plans.size(); i += 4) {
            note(plans.get(i), false, timeline);
            notes++;
        }
        for (int i = 1; i < plans.size(); i += 6) {
            Plan p = plans.get(i);
            if (p.target != CaseState.CLOSED) {
                timeline.at(
                        timeline.after(p.lastStepAt, Duration.ofHours(1), Duration.ofDays(3)),
                        Timeline.Who.SECRETARY,
                        () -> cases.markForDecision(p.view().id(), true));
            }
        }
        for (int i = 2; i < plans.size(); i += 9) {
            note(plans.get(i), true, timeline);
            notes++;
        }
        return notes;
    }

    private static final List<String> REOPEN_REASONS = List.of(
            "Nieuwe informatie ontvangen van de betrokkene; de zaak wordt opnieuw bekeken.",
            "Het ministerie heeft het besluit niet uitgevoerd; opnieuw oppakken.");

    /**
     * The Vice President re-opens a few cases (v1.1-A) some days after closing them, with a reason;
     * they stay re-opened. The caller checks that the database offers it. Returns how many.
     */
    int reopenSome(List<Plan> plans, Timeline timeline) {
        int reopened = 0;
        for (int i = 3; i < plans.size() && reopened < REOPEN_REASONS.size(); i += 5) {
            Plan p = plans.get(i);
            if (p.target != CaseState.CLOSED) {
                continue;
            }
            String reason = REOPEN_REASONS.get(reopened);
            p.target = CaseState.REOPENED;
            step(
                    p,
                    timeline,
                    Duration.ofDays(10),
                    Timeline.Who.VP,
                    () -> cases.reopen(p.view().id(), new ReopenCase(reason, null)));
            reopened++;
        }
        return reopened;
    }

    private void note(Plan p, boolean vpOnly, Timeline timeline) {
        String text = People.pick(random, vpOnly ? VP_NOTES : NOTES);
        timeline.at(
                timeline.between(p.openedAt.plus(Duration.ofMinutes(30)), timeline.now()),
                vpOnly ? Timeline.Who.VP : Timeline.Who.SECRETARY,
                () -> cases.addNote(p.view().id(), new NewCaseNote(text, vpOnly)));
    }

    private String matter(DemoGuests.Guest guest) {
        return String.format(
                Locale.ROOT, People.pick(random, guest.kind().matters()), People.pick(random, Organisations.PLACES));
    }

    private CasePriority priority() {
        int roll = random.nextInt(20);
        return roll < 3
                ? CasePriority.LOW
                : roll < 13 ? CasePriority.NORMAL : roll < 18 ? CasePriority.HIGH : CasePriority.URGENT;
    }
}
