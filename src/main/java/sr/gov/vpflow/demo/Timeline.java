package sr.gov.vpflow.demo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
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

    private static final LocalTime OFFICE_OPENS = LocalTime.of(7, 30);
    private static final LocalTime OFFICE_CLOSES = LocalTime.of(17, 30);
    private static final int TRIES = 16;

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

    /**
     * A moment between {@code from} and {@code to} (not after the present), or {@code from}; in
     * office hours on a working day where the span allows it, as the office works.
     */
    Instant between(Instant from, Instant to) {
        Instant end = to.isAfter(now) ? now : to;
        long span = Duration.between(from, end).toSeconds();
        if (span <= 0) {
            return from;
        }
        Instant first = null;
        for (int i = 0; i < TRIES; i++) {
            Instant t = from.plusSeconds(random.nextLong(span));
            if (inOfficeHours(t)) {
                return t;
            }
            first = first == null ? t : first;
        }
        return first;
    }

    /** A moment some time after {@code from}, between {@code least} and {@code most} later. */
    Instant after(Instant from, Duration least, Duration most) {
        return between(from.plus(least), from.plus(most));
    }

    /** Monday to Friday, from half past seven to half past five in Paramaribo. */
    static boolean inOfficeHours(Instant moment) {
        ZonedDateTime t = moment.atZone(OfficeTime.ZONE);
        LocalTime time = t.toLocalTime();
        return t.getDayOfWeek() != DayOfWeek.SATURDAY
                && t.getDayOfWeek() != DayOfWeek.SUNDAY
                && !time.isBefore(OFFICE_OPENS)
                && time.isBefore(OFFICE_CLOSES);
    }

    /** The steps in the order of their moments. */
    List<Step> inOrder() {
        return steps.stream()
                .sorted(Comparator.comparing(Step::at).thenComparingLong(Step::order))
                .toList();
    }
}
