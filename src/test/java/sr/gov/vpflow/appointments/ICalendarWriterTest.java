package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ICalendarWriterTest {

    @Test
    void textValuesAreEscaped() {
        assertThat(ICalendarWriter.escape("a\\b;c,d\r\ne\nf\rg")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nf\\ng");
        assertThat(ICalendarWriter.escape("tab\tstays, bell\u0007 goes")).isEqualTo("tab\tstays\\, bell goes");
        assertThat(ICalendarWriter.escape("\"quotes\" and : colons")).isEqualTo("\"quotes\" and : colons");
    }

    @Test
    void shortLinesAreNotFolded() {
        String line = "SUMMARY:" + "x".repeat(67);
        assertThat(line.getBytes(StandardCharsets.UTF_8)).hasSize(75);
        assertThat(ICalendarWriter.fold(line)).isEqualTo(line);
    }

    @Test
    void longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        String value = "Overleg met mevrouw Séwdien over de begroting — één, twee, drie 🇸🇷 ".repeat(6);
        String line = "SUMMARY:" + value;
        String folded = ICalendarWriter.fold(line);

        String[] lines = folded.split("\r\n", -1);
        assertThat(lines.length).isGreaterThan(5);
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i].getBytes(StandardCharsets.UTF_8).length)
                    .as("line %d", i)
                    .isLessThanOrEqualTo(75);
            if (i > 0) {
                assertThat(lines[i]).startsWith(" ");
            }
            // no lone surrogate: each piece is valid text on its own
            assertThat(new String(lines[i].getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .isEqualTo(lines[i]);
        }
        // unfolding (RFC 5545 section 3.1) gives back the line
        assertThat(folded.replace("\r\n ", "")).isEqualTo(line);
        // lines are filled: only a character that would not fit moves to the next line
        assertThat(lines[0].getBytes(StandardCharsets.UTF_8).length).isGreaterThanOrEqualTo(72);
    }

    @Test
    void aCalendarHasCrlfLineEndsAndUtcTimes() {
        String text = new ICalendarWriter()
                .begin("VCALENDAR")
                .utc("DTSTART", Instant.parse("2026-05-01T13:00:00Z"))
                .text("LOCATION", "")
                .text("SUMMARY", "a;b")
                .end("VCALENDAR")
                .toString();
        assertThat(text).isEqualTo("BEGIN:VCALENDAR\r\nDTSTART:20260501T130000Z\r\nSUMMARY:a\\;b\r\nEND:VCALENDAR\r\n");
    }
}
