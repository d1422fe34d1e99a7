package sr.gov.vpflow.demo;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import sr.gov.vpflow.cases.CaseField;
import sr.gov.vpflow.cases.CasePriority;
import sr.gov.vpflow.cases.CaseService;
import sr.gov.vpflow.cases.CaseState;
import sr.gov.vpflow.cases.CaseView;
import sr.gov.vpflow.cases.CloseCase;
import sr.gov.vpflow.cases.EditCase;
import sr.gov.vpflow.cases.NewCaseNote;
import sr.gov.vpflow.cases.OpenCase;

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

    /** A case to make and the state it should end in. */
    record Plan(OpenCase open, boolean byVp, CaseState target, boolean viaInProgress, boolean edited) {}

    private final CaseService cases;
    private final Random random;

    DemoCases(CaseService cases, Random random) {
        this.cases = cases;
        this.random = random;
    }

    /** What to open, from which appointment or for which guest, and how far each case gets. */
    List<Plan> plan(List<DemoAgenda.Booked> agenda, List<DemoGuests.Guest> guests, LocalDate today) {
        List<OpenCase> openings = new ArrayList<>();
        List<DemoAgenda.Booked> completed = new ArrayList<>(agenda.stream()
                .filter(b -> "completed".equals(b.view().status()))
                .toList());
        Collections.shuffle(completed, random);
        for (DemoAgenda.Booked b : completed.subList(0, Math.min(FROM_APPOINTMENTS, completed.size()))) {
            openings.add(new OpenCase(
                    matter(b.guest()),
                    "Naar aanleiding van het gesprek van " + DAY.format(b.view().startsAt()) + " ("
                            + b.view().subject() + ").",
                    priority(),
                    null,
                    null,
                    b.view().id()));
        }
        for (int i = 0; i < FOR_GUESTS; i++) {
            DemoGuests.Guest guest = People.pick(random, guests);
            openings.add(new OpenCase(
                    matter(guest),
                    "Schriftelijk verzoek, ontvangen op het secretariaat.",
                    priority(),
                    null,
                    guest.id(),
                    null));
        }
        for (int i = 0; i < OWN; i++) {
            openings.add(new OpenCase(OWN_MATTERS.get(i % OWN_MATTERS.size()), null, priority(), null, null, null));
        }
        Collections.shuffle(openings, random);

        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < openings.size(); i++) {
            CaseState target = i % 10 < 4 ? CaseState.CLOSED : i % 10 < 7 ? CaseState.IN_PROGRESS : CaseState.OPEN;
            OpenCase o = openings.get(i);
            LocalDate due =
                    target == CaseState.CLOSED && random.nextBoolean() ? null : today.plusDays(random.nextInt(75) - 15);
            plans.add(new Plan(
                    new OpenCase(o.title(), o.description(), o.priority(), due, o.guestId(), o.appointmentId()),
                    random.nextInt(7) == 0,
                    target,
                    target == CaseState.IN_PROGRESS || target == CaseState.CLOSED && random.nextBoolean(),
                    random.nextInt(4) == 0));
        }
        return plans;
    }

    CaseView open(Plan plan) {
        return cases.open(plan.open());
    }

    /** The secretary's work on an open case: moves it along and, now and then, raises its priority. */
    CaseView work(Plan plan, CaseView current) {
        CaseView c = current;
        if (plan.edited()) {
            c = cases.edit(c.id(), new EditCase(c.version(), Map.of(CaseField.PRIORITY, CasePriority.HIGH)));
        }
        if (plan.viaInProgress()) {
            c = cases.edit(c.id(), new EditCase(c.version(), Map.of(CaseField.STATE, CaseState.IN_PROGRESS)));
        }
        return c;
    }

    private static final List<String> NOTES = List.of(
            "Telefonisch contact gehad; de stukken volgen deze week.",
            "Advies van het ministerie opgevraagd.",
            "Betrokkene is op de hoogte gebracht van de stand van zaken.",
            "Nagekomen brief ontvangen en bij het dossier gevoegd.");

    private static final List<String> VP_NOTES = List.of(
            "Eerst overleggen met de minister voordat ik besluit.",
            "Persoonlijk: betrokkene is een oude bekende; zorgvuldig afwegen.");

    /** A note on a case (v1.2), closed or not; the caller checks that the database has notes. */
    boolean note(UUID id, boolean vpOnly) {
        cases.addNote(id, new NewCaseNote(People.pick(random, vpOnly ? VP_NOTES : NOTES), vpOnly));
        return true;
    }

    /** A secretary puts a case forward for the Vice President's decision (v1.2). */
    void forDecision(UUID id) {
        cases.markForDecision(id, true);
    }

    CaseView close(UUID id) {
        return cases.close(id, new CloseCase(People.pick(random, RESOLUTIONS), null));
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
