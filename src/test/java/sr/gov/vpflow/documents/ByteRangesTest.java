package sr.gov.vpflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByteRangesTest {

    @Test
    void rangesAreReadAsRfc9110WritesThem() {
        assertThat(ByteRanges.parse("bytes=0-499", 1000).ranges()).containsExactly(new ByteRanges.Range(0, 499));
        assertThat(ByteRanges.parse("bytes=500-", 1000).ranges()).containsExactly(new ByteRanges.Range(500, 999));
        assertThat(ByteRanges.parse("bytes=-200", 1000).ranges()).containsExactly(new ByteRanges.Range(800, 999));
        assertThat(ByteRanges.parse("bytes=900-5000", 1000).ranges()).containsExactly(new ByteRanges.Range(900, 999));
        assertThat(ByteRanges.parse("bytes=0-0, -1", 1000).ranges())
                .containsExactly(new ByteRanges.Range(0, 0), new ByteRanges.Range(999, 999));
    }

    @Test
    void rangesBeyondTheEndCannotBeSatisfiedButOneWithinIsEnough() {
        assertThat(ByteRanges.parse("bytes=1000-", 1000).unsatisfiable()).isTrue();
        assertThat(ByteRanges.parse("bytes=1000-1200", 1000).unsatisfiable()).isTrue();
        assertThat(ByteRanges.parse("bytes=-0", 1000).unsatisfiable()).isTrue();
        assertThat(ByteRanges.parse("bytes=0-", 0).unsatisfiable()).isTrue();
        assertThat(ByteRanges.parse("bytes=2000-, 10-19", 1000).ranges()).containsExactly(new ByteRanges.Range(10, 19));
    }

    @Test
    void whatIsNotARangeHeaderGetsTheWholeContent() {
        for (String header : List.of("", "items=0-1", "bytes=a-b", "bytes=5-1", "bytes=-", "bytes=0-1,", "bytes=1")) {
            assertThat(ByteRanges.parse(header, 1000).whole()).as(header).isTrue();
        }
        assertThat(ByteRanges.parse(null, 1000).whole()).isTrue();
        assertThat(ByteRanges.parse("bytes=" + "0-1,".repeat(ByteRanges.MAX_RANGES) + "0-1", 1000)
                        .whole())
                .isTrue();
    }

    @Test
    void overlappingAndAdjacentRangesAreMergedAndDescribedShortly() {
        ByteRanges.Outcome merged = ByteRanges.parse("bytes=0-,0-,500-599,-10", 1000);
        assertThat(merged.ranges()).containsExactly(new ByteRanges.Range(0, 999));
        assertThat(merged.description()).isEqualTo("bytes=0-999");
        ByteRanges.Outcome adjacent = ByteRanges.parse("bytes=20-29,0-9,10-14", 1000);
        assertThat(adjacent.ranges()).containsExactly(new ByteRanges.Range(0, 14), new ByteRanges.Range(20, 29));
        assertThat(adjacent.description()).isEqualTo("bytes=0-14,20-29");
        assertThat(ByteRanges.parse("bytes=0-9" + " ".repeat(5000), 1000).whole())
                .as("a header far longer than sixteen ranges need")
                .isTrue();
    }
}
