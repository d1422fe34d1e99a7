package sr.gov.vpflow.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * The office's clock in demo mode: the system clock, except on the thread that loads the demo
 * data while it plays a step of the office's past "as of" that step's moment (the services then
 * judge what lies in the past as they would have then). The database dates the step's records
 * and audit events itself, through its history window (HistoryWindow).
 */
final class DemoClock extends Clock {

    private final Clock system;
    private final ZoneId zone;
    private final ThreadLocal<Instant> asOf;

    DemoClock() {
        this(Clock.systemUTC(), ZoneOffset.UTC, new ThreadLocal<>());
    }

    private DemoClock(Clock system, ZoneId zone, ThreadLocal<Instant> asOf) {
        this.system = system;
        this.zone = zone;
        this.asOf = asOf;
    }

    /** The time as it is, whatever this thread's work is set to. */
    Clock system() {
        return system;
    }

    /** Runs work on this thread with the clock reading {@code moment}. */
    <T> T at(Instant moment, Supplier<T> work) {
        Instant previous = asOf.get();
        asOf.set(moment);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                asOf.remove();
            } else {
                asOf.set(previous);
            }
        }
    }

    @Override
    public Instant instant() {
        Instant moment = asOf.get();
        return moment != null ? moment : system.instant();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new DemoClock(system, other, asOf);
    }
}
