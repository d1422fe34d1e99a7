package sr.gov.vpflow.appointments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;

/** The series and the occurrences they hold (appointment rows with a series_id). */
@Repository
class SeriesRepository {

    private static final String COLUMNS = "id, guest_id, subject, purpose, location, starts_at, ends_at, rule,"
            + " skip_holidays, booked_until, cancelled_at, cancel_reason, created_at, updated_at, version, complete";

    private static final String APPOINTMENT_COLUMNS = "a." + AppointmentRepository.COLUMNS.replace(", ", ", a.");

    private final JdbcClient jdbc;

    SeriesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A series as stored; its occurrences are read apart. */
    record Row(
            UUID id,
            UUID guestId,
            String subject,
            String purpose,
            String location,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String rule,
            boolean skipHolidays,
            OffsetDateTime bookedUntil,
            OffsetDateTime cancelledAt,
            String cancelReason,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            int version,
            boolean complete) {

        boolean cancelled() {
            return cancelledAt != null;
        }
    }

    UUID insert(
            UUID guestId,
            String subject,
            String purpose,
            String location,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String rule,
            boolean skipHolidays,
            Instant bookedUntil,
            UUID splitFrom) {
        return jdbc.sql("""
                        INSERT INTO appointment_series (guest_id, subject, purpose, location, starts_at, ends_at, rule,
                                                        skip_holidays, booked_until, split_from)
                        VALUES (:guestId, :subject, :purpose, :location, :startsAt, :endsAt, :rule, :skipHolidays,
                                :bookedUntil, :splitFrom)
                        RETURNING id""")
                .param("splitFrom", splitFrom)
                .param("guestId", guestId)
                .param("subject", subject)
                .param("purpose", purpose)
                .param("location", location)
                .param("startsAt", startsAt)
                .param("endsAt", endsAt)
                .param("rule", rule)
                .param("skipHolidays", skipHolidays)
                .param("bookedUntil", utc(bookedUntil))
                .query(UUID.class)
                .single();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointment_series WHERE id = :id")
                .param("id", id)
                .query(SeriesRepository::row)
                .optional();
    }

    Optional<Row> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointment_series WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(SeriesRepository::row)
                .optional();
    }

    /** The series that exist among {@code ids}, for the feed. */
    List<Row> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointment_series WHERE id IN (:ids)")
                .param("ids", List.copyOf(ids))
                .query(SeriesRepository::row)
                .list();
    }

    void update(
            UUID id,
            UUID guestId,
            String subject,
            String purpose,
            String location,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            String rule,
            Instant bookedUntil) {
        jdbc.sql("""
                        UPDATE appointment_series SET guest_id = :guestId, subject = :subject, purpose = :purpose,
                            location = :location, starts_at = :startsAt, ends_at = :endsAt, rule = :rule,
                            booked_until = :bookedUntil
                        WHERE id = :id""")
                .param("id", id)
                .param("guestId", guestId)
                .param("subject", subject)
                .param("purpose", purpose)
                .param("location", location)
                .param("startsAt", startsAt)
                .param("endsAt", endsAt)
                .param("rule", rule)
                .param("bookedUntil", utc(bookedUntil))
                .update();
    }

    /** The series is booked up to {@code bookedUntil}; {@code complete}: its rule has no occurrence after that. */
    void extendTo(UUID id, Instant bookedUntil, boolean complete) {
        jdbc.sql("UPDATE appointment_series SET booked_until = :bookedUntil, complete = :complete WHERE id = :id")
                .param("id", id)
                .param("bookedUntil", utc(bookedUntil))
                .param("complete", complete)
                .update();
    }

    void cancel(UUID id, String reason) {
        jdbc.sql("UPDATE appointment_series SET cancelled_at = now(), cancel_reason = :reason WHERE id = :id")
                .param("id", id)
                .param("reason", reason)
                .update();
    }

    /**
     * The next running series (by id, after {@code after}) booked only up to before {@code before},
     * locked; a series another instance is extending is skipped.
     */
    List<UUID> lockDueForExtension(Instant before, UUID after, int limit) {
        return jdbc.sql("""
                        SELECT id FROM appointment_series
                        WHERE cancelled_at IS NULL AND NOT complete AND booked_until < :before
                          AND (CAST(:after AS uuid) IS NULL OR id > CAST(:after AS uuid))
                        ORDER BY id LIMIT :limit
                        FOR UPDATE SKIP LOCKED""")
                .param("before", utc(before))
                .param("after", after)
                .param("limit", limit)
                .query(UUID.class)
                .list();
    }

    /** Every occurrence of a series, by the start its rule gives. */
    List<AppointmentView> occurrences(UUID seriesId) {
        return jdbc.sql("SELECT " + APPOINTMENT_COLUMNS + " FROM appointments a WHERE a.series_id = :seriesId"
                        + " ORDER BY a.occurrence_at, a.id")
                .param("seriesId", seriesId)
                .query(SeriesRepository::occurrence)
                .list();
    }

    /** A new occurrence, unless its series has one for that start already (then empty). */
    Optional<UUID> insertOccurrence(
            UUID seriesId,
            OffsetDateTime occurrenceAt,
            UUID guestId,
            String subject,
            String purpose,
            String location,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt) {
        return jdbc.sql("""
                        INSERT INTO appointments (series_id, occurrence_at, guest_id, subject, purpose, location,
                                                  starts_at, ends_at, status)
                        VALUES (:seriesId, :occurrenceAt, :guestId, :subject, :purpose, :location, :startsAt, :endsAt,
                                'scheduled')
                        ON CONFLICT (series_id, occurrence_at) WHERE series_id IS NOT NULL DO NOTHING
                        RETURNING id""")
                .param("seriesId", seriesId)
                .param("occurrenceAt", occurrenceAt)
                .param("guestId", guestId)
                .param("subject", subject)
                .param("purpose", purpose)
                .param("location", location)
                .param("startsAt", startsAt)
                .param("endsAt", endsAt)
                .query(UUID.class)
                .optional();
    }

    /** Moves an occurrence: to another series split from its own, to another start of the rule, or both. */
    void reassign(UUID id, UUID seriesId, OffsetDateTime occurrenceAt) {
        jdbc.sql("UPDATE appointments SET series_id = :seriesId, occurrence_at = :occurrenceAt WHERE id = :id")
                .param("id", id)
                .param("seriesId", seriesId)
                .param("occurrenceAt", occurrenceAt)
                .update();
    }

    /**
     * For each slot, the first active appointment (other than those in {@code except}) whose time
     * overlaps it, if any. Plain comparisons, so that the start-time index answers under row-level
     * security (as AppointmentRepository's list).
     */
    List<SeriesConflict> conflicts(List<Slot> slots, Collection<UUID> except) {
        if (slots.isEmpty()) {
            return List.of();
        }
        String starts =
                slots.stream().map(s -> utc(s.startsAt()).toString()).collect(Collectors.joining(",", "{", "}"));
        String ends = slots.stream().map(s -> utc(s.endsAt()).toString()).collect(Collectors.joining(",", "{", "}"));
        String excluded = except.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
        return jdbc.sql("SELECT s.starts_at, s.ends_at, " + APPOINTMENT_COLUMNS
                        + " FROM unnest(CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[]))"
                        + "   WITH ORDINALITY AS s(starts_at, ends_at, n)"
                        + " CROSS JOIN LATERAL (SELECT x.* FROM appointments x"
                        + "   WHERE x.status IN ('scheduled', 'arrived')"
                        + "     AND x.starts_at < s.ends_at"
                        + "     AND x.starts_at >= s.starts_at - " + LONGEST
                        + "     AND x.ends_at > s.starts_at"
                        + "     AND NOT x.id = ANY (CAST(:except AS uuid[]))"
                        + "   ORDER BY x.starts_at, x.id LIMIT 1) a"
                        + " ORDER BY s.n")
                .param("starts", starts)
                .param("ends", ends)
                .param("except", excluded)
                .query((rs, n) -> new SeriesConflict(
                        OfficeTime.inOffice(rs.getObject(1, OffsetDateTime.class)),
                        OfficeTime.inOffice(rs.getObject(2, OffsetDateTime.class)),
                        AppointmentRepository.viewAt(rs, 2)))
                .list();
    }

    /** The longest appointment there is (see AppointmentRepository). */
    private static final String LONGEST =
            "make_interval(secs => (SELECT extract(epoch FROM max(y.ends_at - y.starts_at))" + " FROM appointments y))";

    /** A time an occurrence would hold. */
    record Slot(OffsetDateTime startsAt, OffsetDateTime endsAt) {}

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                OfficeTime.inOffice(rs.getObject(6, OffsetDateTime.class)),
                OfficeTime.inOffice(rs.getObject(7, OffsetDateTime.class)),
                rs.getString(8),
                rs.getBoolean(9),
                OfficeTime.inOffice(rs.getObject(10, OffsetDateTime.class)),
                OfficeTime.inOffice(rs.getObject(11, OffsetDateTime.class)),
                rs.getString(12),
                OfficeTime.inOffice(rs.getObject(13, OffsetDateTime.class)),
                OfficeTime.inOffice(rs.getObject(14, OffsetDateTime.class)),
                rs.getInt(15),
                rs.getBoolean(16));
    }

    private static AppointmentView occurrence(ResultSet rs, int n) throws SQLException {
        return AppointmentRepository.viewAt(rs, 0);
    }
}
