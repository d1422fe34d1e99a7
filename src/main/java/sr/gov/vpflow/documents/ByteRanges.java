package sr.gov.vpflow.documents;

import java.util.ArrayList;
import java.util.List;

/**
 * The byte ranges of a {@code Range} header (RFC 9110, section 14): {@code bytes=0-499},
 * {@code bytes=500-}, {@code bytes=-500}, several separated by commas. A header that is not of
 * this form is ignored (the whole content is sent); ranges that all lie beyond the end cannot be
 * satisfied (416).
 */
final class ByteRanges {

    /** At most this many ranges are served in one response; more get the whole content. */
    static final int MAX_RANGES = 16;

    /** One range, both ends included. */
    record Range(long start, long end) {
        long length() {
            return end - start + 1;
        }

        String contentRange(long size) {
            return "bytes " + start + "-" + end + "/" + size;
        }
    }

    /** The outcome: the whole content, some ranges, or none that can be satisfied. */
    record Outcome(List<Range> ranges, boolean unsatisfiable) {
        boolean whole() {
            return ranges.isEmpty() && !unsatisfiable;
        }
    }

    private ByteRanges() {}

    static Outcome parse(String header, long size) {
        Outcome whole = new Outcome(List.of(), false);
        if (header == null) {
            return whole;
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return whole;
        }
        String[] specs = h.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return whole;
        }
        List<Range> ranges = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw.strip();
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return whole;
            }
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            try {
                if (first.isEmpty()) {
                    if (last.isEmpty()) {
                        return whole;
                    }
                    long suffix = Long.parseLong(last);
                    if (suffix < 0) {
                        return whole;
                    }
                    if (suffix > 0 && size > 0) {
                        ranges.add(new Range(Math.max(0, size - suffix), size - 1));
                    }
                    continue;
                }
                long start = Long.parseLong(first);
                long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
                if (start < 0 || end < start) {
                    return whole;
                }
                if (start < size) {
                    ranges.add(new Range(start, Math.min(end, size - 1)));
                }
            } catch (NumberFormatException e) {
                return whole;
            }
        }
        return ranges.isEmpty() ? new Outcome(List.of(), true) : new Outcome(List.copyOf(ranges), false);
    }
}
