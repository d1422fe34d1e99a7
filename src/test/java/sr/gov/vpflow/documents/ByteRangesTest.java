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
}
