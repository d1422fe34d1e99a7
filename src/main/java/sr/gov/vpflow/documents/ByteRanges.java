package sr.gov.vpflow.documents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The byte ranges of a {@code Range} header (RFC 9110, section 14): {@code bytes=0-499},
 * {@code bytes=500-}, {@code bytes=-500}, several separated by commas. A header that is not of
 * this form, or asks for more ranges than {@link #MAX_RANGES}, or is far longer than that many
 * need, is ignored (the whole content is sent, as RFC 9110 allows); ranges that all lie beyond the
 * end cannot be satisfied (416). Overlapping and adjacent ranges are merged (sorted), so that no
 * byte is sent twice: a request for the same range sixteen times gets it once.
 */
final class ByteRanges {

    /** At most this many ranges are served in one response; more get the whole content. */
    static final int MAX_RANGES = 16;

    /** Sixteen ranges of two 19-digit numbers each, with room for spaces. */
    private static final int MAX_HEADER = 1024;

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

        /** The ranges served, as a header would name them: short, whatever the request sent. */
        String description() {
            return ranges.stream().map(r -> r.start() + "-" + r.end()).collect(Collectors.joining(",", "bytes=", ""));
        }
    }

    private ByteRanges() {}

    static Outcome parse(String header, long size) {
        Outcome whole = new Outcome(List.of(), false);
        if (header == null) {
            return whole;
        }
        if (header.length() > MAX_HEADER) {
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
        return ranges.isEmpty() ? new Outcome(List.of(), true) : new Outcome(merged(ranges), false);
    }

    private static List<Range> merged(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::start));
        List<Range> merged = new ArrayList<>();
        for (Range next : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && next.start() <= last.end() + 1) {
                merged.set(merged.size() - 1, new Range(last.start(), Math.max(last.end(), next.end())));
            } else {
                merged.add(next);
            }
        }
        return List.copyOf(merged);
    }
}
