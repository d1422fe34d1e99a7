package sr.gov.vpflow.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * The demo's work in the order it would have happened: each step at its moment, by the account
 * that does it. A moment after the present is the present; steps of one moment keep the order in
 * which they were planned, so a step planned after the one it builds on never runs before it.
 */
final class Timeline {

    /** Steps closer to the present than this run at the real time, not dated back. */
    static final Duration PRESENT = Duration.ofMinutes(1);

    /** Who does a step. */
    enum Who {
        VP,
        SECRETARY
    }

    /** One piece of work at its moment. */
    record Step(Instant at, long order, Who who, Runnable work) {}

    private final Instant now;
    private final Random random;
    private final List<Step> steps = new ArrayList<>();

    Timeline(Instant now, Random random) {
        this.now = now;
        this.random = random;
    }

    Instant now() {
        return now;
    }

    /** Plans {@code work} at {@code moment} (the present if that lies ahead); returns the moment. */
    Instant at(Instant moment, Who who, Runnable work) {
        Instant at = moment.isAfter(now) ? now : moment;
        steps.add(new Step(at, steps.size(), who, work));
        return at;
    }

    /** A moment between {@code from} and {@code to} (not after the present), or {@code from}. */
    Instant between(Instant from, Instant to) {
        Instant end = to.isAfter(now) ? now : to;
        if (!end.isAfter(from)) {
            return from;
        }
        long span = Duration.between(from, end).toSeconds();
        return from.plusSeconds(span <= 0 ? 0 : random.nextLong(span));
    }

    /** A moment some time after {@code from}, between {@code least} and {@code most} later. */
    Instant after(Instant from, Duration least, Duration most) {
        return between(from.plus(least), from.plus(most));
    }

    /** The moment, or the Friday before if it falls in a weekend (the office books on working days). */
    static Instant onWorkingDay(Instant moment) {
        ZonedDateTime t = moment.atZone(OfficeTime.ZONE);
        if (t.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return t.minusDays(1).toInstant();
        }
        if (t.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return t.minusDays(2).toInstant();
        }
        return moment;
    }

    /** The steps in the order of their moments. */
    List<Step> inOrder() {
        return steps.stream()
                .sorted(Comparator.comparing(Step::at).thenComparingLong(Step::order))
                .toList();
    }
}
