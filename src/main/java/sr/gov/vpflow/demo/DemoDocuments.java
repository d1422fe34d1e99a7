package sr.gov.vpflow.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import sr.gov.vpflow.documents.DocumentUploads;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * The office's papers, kept as documents through the upload path (the type told by the content,
 * the store before the record) and linked to their cases: the letters that opened cases, the
 * reports of the conversations that cases follow, a few notes of the Vice President's own, and
 * the letters that came in today.
 */
final class DemoDocuments {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl"));
    private static final int TODAY = 2;

    private static final List<String> ASKS = List.of(
            "Wij verzoeken u vriendelijk om ondersteuning van de regering bij deze zaak.",
            "Graag vragen wij uw aandacht voor de volgende kwestie, die de gemeenschap al geruime tijd bezighoudt.",
            "Namens onze leden leggen wij u dit verzoek voor, met het oog op de komende begroting.");

    private static final List<String> FINDINGS = List.of(
            "Afgesproken is dat het vakministerie binnen twee weken een advies uitbrengt.",
            "De gast zegt toe de ontbrekende stukken na te sturen.",
            "De Vicepresident vraagt om een overzicht van de kosten en de planning.",
            "Besproken is een gezamenlijk bezoek aan het district.");

    private final DocumentUploads uploads;
    private final Random random;

    DemoDocuments(DocumentUploads uploads, Random random) {
        this.uploads = uploads;
        this.random = random;
    }

    /** Plans the documents on the timeline; returns how many. */
    int schedule(List<DemoCases.Plan> plans, Timeline timeline) {
        int kept = 0;
        for (int i = 0; i < plans.size(); i++) {
            DemoCases.Plan p = plans.get(i);
            if (p.writer() != null) {
                // the letter came in first; the secretary keeps it with the case she opens on it
                letter(p, timeline.after(p.openedAt(), Duration.ofMinutes(5), Duration.ofHours(2)), timeline);
                kept++;
            } else if (p.appointment() != null && i % 3 == 0) {
                report(p, timeline.after(p.openedAt(), Duration.ofMinutes(10), Duration.ofDays(2)), timeline);
                kept++;
            }
            if (i % 12 == 5) {
                advice(p, timeline.between(p.openedAt().plus(Duration.ofHours(1)), timeline.now()), timeline);
                kept++;
            }
        }
        // what came in this morning, on cases still open
        Instant morning = OfficeTime.today(Clock.fixed(timeline.now(), OfficeTime.ZONE))
                .atTime(LocalTime.of(7, 30))
                .atZone(OfficeTime.ZONE)
                .toInstant();
        int today = 0;
        for (int i = plans.size() - 1; i >= 0 && today < TODAY; i--) {
            DemoCases.Plan p = plans.get(i);
            if (p.target() == sr.gov.vpflow.cases.CaseState.OPEN) {
                Instant at = timeline.between(morning.isAfter(p.openedAt()) ? morning : p.openedAt(), timeline.now());
                keep(
                        p,
                        Timeline.Who.SECRETARY,
                        at,
                        "Nagekomen brief: " + p.title(),
                        "nagekomen-brief.txt",
                        "Aanvulling op ons eerdere verzoek.\n\n" + People.pick(random, ASKS) + "\n",
                        timeline);
                today++;
                kept++;
            }
        }
        return kept;
    }

    private void letter(DemoCases.Plan p, Instant at, Timeline timeline) {
        DemoGuests.Guest writer = p.writer();
        String from = writer.organisation() != null ? writer.organisation() : writer.fullName();
        keep(
                p,
                Timeline.Who.SECRETARY,
                at,
                "Brief van " + from,
                "brief.txt",
                "Aan de Vicepresident van de Republiek Suriname\nKabinet van de Vicepresident\nParamaribo\n\n"
                        + "Betreft: " + p.title() + "\n\nExcellentie,\n\n" + People.pick(random, ASKS)
                        + "\n\nHoogachtend,\n\n" + writer.fullName() + "\n"
                        + (writer.organisation() != null ? writer.organisation() + "\n" : ""),
                timeline);
    }

    private void report(DemoCases.Plan p, Instant at, Timeline timeline) {
        DemoAgenda.Booked b = p.appointment();
        keep(
                p,
                Timeline.Who.SECRETARY,
                at,
                "Verslag van het gesprek van " + DAY.format(b.start()),
                "verslag.txt",
                "Verslag: " + b.subject() + "\nGast: " + b.guest().fullName() + "\nDatum: " + DAY.format(b.start())
                        + "\n\n" + People.pick(random, FINDINGS) + "\n" + People.pick(random, FINDINGS) + "\n",
                timeline);
    }

    private void advice(DemoCases.Plan p, Instant at, Timeline timeline) {
        keep(
                p,
                Timeline.Who.VP,
                at,
                "Notitie van de Vicepresident",
                "notitie.txt",
                "Vertrouwelijk.\n\nOver: " + p.title() + "\n\nEerst het advies van het ministerie afwachten;"
                        + " daarna bespreken in de Raad van Ministers.\n",
                timeline);
    }

    private void keep(
            DemoCases.Plan p,
            Timeline.Who who,
            Instant at,
            String title,
            String fileName,
            String text,
            Timeline timeline) {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        timeline.at(
                at,
                who,
                () -> uploads.upload(
                        fileName,
                        new ByteArrayInputStream(content),
                        Map.of(
                                "title",
                                title,
                                "entity_type",
                                "case",
                                "entity_id",
                                p.view().id().toString())));
    }
}
