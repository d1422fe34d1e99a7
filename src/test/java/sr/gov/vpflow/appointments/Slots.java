package sr.gov.vpflow.appointments;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * Times for test appointments that no other test in the same run uses: the tests share one
 * database, and active appointments may not overlap. Each slot is on a day of its own.
 */
public final class Slots {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final AtomicInteger NEXT_PAST = new AtomicInteger();
    private static final LocalDate TODAY = LocalDate.now(OfficeTime.ZONE);

    private Slots() {}

    /**
     * A slot of one hour at 10:00 Paramaribo time on a future day no other test uses; never a
     * Sunday, which the recurring appointments' tests keep for themselves (SeriesIT).
     */
    public static Slot future() {
        LocalDate day = TODAY.plusDays(20 + NEXT.incrementAndGet());
        while (day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
            day = TODAY.plusDays(20 + NEXT.incrementAndGet());
        }
        return on(day);
    }

    /** A slot of one hour in the past (within the last 30 days) that no other test uses. */
    public static Slot past() {
        OffsetDateTime start = TODAY.minusDays(3)
                .atStartOfDay(OfficeTime.ZONE)
                .toOffsetDateTime()
                .minusHours(NEXT_PAST.incrementAndGet());
        return new Slot(start, start.plusHours(1));
    }

    private static Slot on(LocalDate day) {
        OffsetDateTime start =
                day.atTime(LocalTime.of(10, 0)).atZone(OfficeTime.ZONE).toOffsetDateTime();
        return new Slot(start, start.plusHours(1));
    }

    /**
     * An appointment in the past, as the office would have booked it then, made by the database's
     * owner (the application refuses to book in the past).
     */
    public static UUID pastAppointment(JdbcClient owner, UUID guestId, String status) {
        Slot slot = past();
        return owner.sql("INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status)"
                        + " VALUES (:g, 'Eerder overleg', :s, :e, CAST(:status AS appointment_status)) RETURNING id")
                .param("g", guestId)
                .param("s", slot.start())
                .param("e", slot.end())
                .param("status", status)
                .query(UUID.class)
                .single();
    }

    /** A start and an end. */
    public record Slot(OffsetDateTime start, OffsetDateTime end) {}
}
