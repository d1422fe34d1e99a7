package sr.gov.vpflow.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.audit.AuditEntry;
import sr.gov.vpflow.audit.AuditWording.Line;

class CaseTimelineTest {

    private long seq;

    private Line line(String type, Object... details) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < details.length; i += 2) {
            map.put((String) details[i], details[i + 1]);
        }
        OffsetDateTime at = OffsetDateTime.parse("2026-03-14T10:00:00-03:00").plusMinutes(seq);
        AuditEntry entry = new AuditEntry(
                UUID.randomUUID(), ++seq, at, UUID.randomUUID(), "Someone " + seq, "vp", type, "case", null, map);
        return new Line(entry, at, "", "Someone " + seq, type, "", null, null, List.of(), List.of());
    }

    private static List<String> types(CaseTimeline.Part part) {
        return part.lines().stream().map(l -> l.entry().eventType()).toList();
    }

    @Test
    void aCaseNeverReopenedHasOneHistoryWithoutANumber() {
        List<Line> lines = List.of(line("case_created"), line("case_updated"), line("case_closed"));
        List<CaseTimeline.Part> parts = CaseTimeline.parts(lines);
        assertThat(parts).singleElement().satisfies(p -> {
            assertThat(p.cycle()).isNull();
            assertThat(p.lines()).isEqualTo(lines);
        });
        assertThat(CaseTimeline.latest(lines)).isNull();
        assertThat(CaseTimeline.parts(List.of()))
                .singleElement()
                .satisfies(p -> assertThat(p.lines()).isEmpty());
    }

    @Test
    void eachReopeningIsAPartOfItsOwnFromReopeningToReclosing() {
        List<Line> lines = new ArrayList<>(List.of(
                line("case_created"),
                line("case_closed"),
                line("case_reopened", "cycle", 1, "reason", "Nieuwe feiten", "previous_resolution", "Afgewezen"),
                line("case_reopen_edit", "cycle", 1),
                line("document_viewed"),
                line("case_reclosed", "cycle", 1),
                line("document_downloaded"),
                line("case_reopened", "cycle", 2, "reason", "Bezwaar", "previous_resolution", "Toegekend"),
                line("case_reopen_edit", "cycle", 2)));
        List<CaseTimeline.Part> parts = CaseTimeline.parts(lines);
        assertThat(parts).extracting(CaseTimeline.Part::cycle).containsExactly(null, 1L, null, 2L);
        assertThat(types(parts.get(0))).containsExactly("case_created", "case_closed");
        assertThat(types(parts.get(1)))
                .containsExactly("case_reopened", "case_reopen_edit", "document_viewed", "case_reclosed");
        assertThat(types(parts.get(2))).containsExactly("document_downloaded");
        assertThat(types(parts.get(3))).containsExactly("case_reopened", "case_reopen_edit");

        CaseTimeline.Reopening latest = CaseTimeline.latest(lines);
        assertThat(latest.cycle()).isEqualTo(2);
        assertThat(latest.reason()).isEqualTo("Bezwaar");
        assertThat(latest.previousResolution()).isEqualTo("Toegekend");
        assertThat(latest.who()).isEqualTo("Someone 8");
    }
}
