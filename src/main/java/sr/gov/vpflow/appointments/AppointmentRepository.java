package sr.gov.vpflow.appointments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SearchTerms;

@Repository
class AppointmentRepository {

    /** The columns of a view, in the order {@link #view} reads them by position. */
    static final String COLUMNS = "id, guest_id, subject, purpose, location, starts_at, ends_at, status,"
            + " status_reason, checked_in_at, created_at, updated_at, version, series_id, occurrence_at";

    private final JdbcClient jdbc;

    AppointmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID insert(
            UUID guestId,
            String subject,
            String purpose,
            String location,
            OffsetDateTime startsAt,
            OffsetDateTime endsAt,
            AppointmentStatus status) {
        return jdbc.sql("""
                        INSERT INTO appointments (guest_id, subject, purpose, location, starts_at, ends_at, status)
                        VALUES (:guestId, :subject, :purpose, :location, :startsAt, :endsAt,
                                CAST(:status AS appointment_status))
                        RETURNING id""")
                .param("guestId", guestId)
                .param("subject", subject)
                .param("purpose", purpose)
                .param("location", location)
                .param("startsAt", startsAt)
                .param("endsAt", endsAt)
                .param("status", status.code())
                .query(UUID.class)
                .single();
    }

    Optional<AppointmentView> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointments WHERE id = :id")
                .param("id", id)
                .query(AppointmentRepository::view)
                .optional();
    }

    /** The appointment, locked until the end of the transaction, so that a change sees what it replaces. */
    Optional<AppointmentView> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointments WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(AppointmentRepository::view)
                .optional();
    }

    void updateDetails(UUID id, UUID guestId, String subject, String purpose, String location) {
        jdbc.sql("""
                        UPDATE appointments SET guest_id = :guestId, subject = :subject, purpose = :purpose,
                            location = :location
                        WHERE id = :id""")
                .param("id", id)
                .param("guestId", guestId)
                .param("subject", subject)
                .param("purpose", purpose)
                .param("location", location)
                .update();
    }

    void move(UUID id, OffsetDateTime startsAt, OffsetDateTime endsAt) {
        jdbc.sql("UPDATE appointments SET starts_at = :startsAt, ends_at = :endsAt WHERE id = :id")
                .param("id", id)
                .param("startsAt", startsAt)
                .param("endsAt", endsAt)
                .update();
    }

    void changeStatus(UUID id, AppointmentStatus status, String reason) {
        jdbc.sql("""
                        UPDATE appointments SET status = CAST(:status AS appointment_status), status_reason = :reason
                        WHERE id = :id""")
                .param("id", id)
                .param("status", status.code())
                .param("reason", reason)
                .update();
    }

    /** The first active appointment, other than {@code except}, whose time overlaps the given time. */
    Optional<AppointmentView> firstActiveOverlapping(OffsetDateTime startsAt, OffsetDateTime endsAt, UUID except) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointments"
                        + " WHERE status IN ('scheduled', 'arrived')"
                        // the overlap as plain comparisons the start-time index answers under row-level security (see
                        // list)
                        + " AND starts_at < CAST(:endsAt AS timestamptz)"
                        + " AND starts_at >= CAST(:startsAt AS timestamptz) - " + LONGEST
                        + " AND ends_at > CAST(:startsAt AS timestamptz)"
                        + " AND (CAST(:except AS uuid) IS NULL OR id <> CAST(:except AS uuid))"
                        + " ORDER BY starts_at, id LIMIT 1")
                .param("startsAt", startsAt)
                .param("endsAt", endsAt)
                .param("except", except)
                .query(AppointmentRepository::view)
                .optional();
    }

    /**
     * Appointments whose time overlaps [from, to) (either bound may be open), in the order of their
     * start; {@code after} is the last appointment of the previous page.
     */
    /**
     * The longest appointment there is, as an exact length (whole seconds: a day of a time zone
     * with summer time is not always 24 hours); found through appointments_length_idx (V1_0_74).
     */
    private static final String LONGEST =
            "make_interval(secs => (SELECT extract(epoch FROM max(x.ends_at - x.starts_at))" + " FROM appointments x))";

    List<AppointmentView> list(
            OffsetDateTime from,
            OffsetDateTime to,
            UUID guestId,
            Set<AppointmentStatus> statuses,
            UUID after,
            int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM appointments WHERE true");
        if (from != null) {
            // ends_at > from AND starts_at < to, with the start bounded on both sides by plain
            // comparisons, which row-level security lets the start-time index answer (the range
            // overlap it would not use): no appointment starts earlier than the window's start
            // minus the longest appointment there is (V1_0_74); a window open above has no end
            sql.append(" AND starts_at >= CAST(:from AS timestamptz) - " + LONGEST
                    + " AND ends_at > CAST(:from AS timestamptz)");
            if (to != null) {
                sql.append(" AND starts_at < CAST(:to AS timestamptz)");
            }
        } else if (to != null) {
            sql.append(" AND starts_at < :to");
        }
        if (guestId != null) {
            sql.append(" AND guest_id = :guestId");
        }
        if (!statuses.isEmpty()) {
            sql.append(" AND status::text IN (:statuses)");
        }
        if (after != null) {
            sql.append(" AND (starts_at, id) > (SELECT a.starts_at, a.id FROM appointments a WHERE a.id = :after)");
        }
        if (from != null) {
            // Sorting a time window's appointments is cheap; walking the start-time index in order
            // from the first appointment ever is not, yet a prepared statement's generic plan, which
            // cannot see how narrow the window is, would pick that walk for the LIMIT. OFFSET 0 keeps
            // the window's selection apart from the ordering.
            sql.insert(0, "SELECT * FROM (").append(" OFFSET 0) window_rows");
        }
        sql.append(" ORDER BY starts_at, id LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (from != null) {
            statement = statement.param("from", from).param("to", to);
        } else if (to != null) {
            statement = statement.param("to", to);
        }
        if (guestId != null) {
            statement = statement.param("guestId", guestId);
        }
        if (!statuses.isEmpty()) {
            statement = statement.param(
                    "statuses", statuses.stream().map(AppointmentStatus::code).toList());
        }
        if (after != null) {
            statement = statement.param("after", after);
        }
        return statement.query(AppointmentRepository::view).list();
    }

    /** A guest's appointments, the newest first. */
    List<AppointmentView> ofGuest(UUID guestId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM appointments WHERE guest_id = :guestId"
                        + " ORDER BY starts_at DESC, id LIMIT :limit")
                .param("guestId", guestId)
                .param("limit", limit)
                .query(AppointmentRepository::view)
                .list();
    }

    /**
     * Appointments whose subject holds every term, without regard to accents or case, the latest
     * first.
     */
    List<AppointmentView> search(List<String> terms, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM appointments WHERE true");
        for (int i = 0; i < terms.size(); i++) {
            sql.append(" AND search_key(subject) LIKE '%' || " + SearchTerms.likeTerm("term" + i) + " || '%'");
        }
        sql.append(" ORDER BY starts_at DESC NULLS LAST, id LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", limit);
        for (int i = 0; i < terms.size(); i++) {
            statement = statement.param("term" + i, terms.get(i));
        }
        return statement.query(AppointmentRepository::view).list();
    }

    /** A row of {@link #COLUMNS}, read by position: the agenda maps hundreds of rows per request. */
    private static AppointmentView view(ResultSet rs, int n) throws SQLException {
        return viewAt(rs, 0);
    }

    /** The columns of {@link #COLUMNS}, read by position after {@code offset} leading columns. */
    static AppointmentView viewAt(ResultSet rs, int offset) throws SQLException {
        int i = offset;
        return new AppointmentView(
                rs.getObject(i + 1, UUID.class),
                rs.getObject(i + 2, UUID.class),
                rs.getString(i + 3),
                rs.getString(i + 4),
                rs.getString(i + 5),
                OfficeTime.inOffice(rs.getObject(i + 6, OffsetDateTime.class)),
                OfficeTime.inOffice(rs.getObject(i + 7, OffsetDateTime.class)),
                rs.getString(i + 8),
                rs.getString(i + 9),
                OfficeTime.inOffice(rs.getObject(i + 10, OffsetDateTime.class)),
                OfficeTime.inOffice(rs.getObject(i + 11, OffsetDateTime.class)),
                OfficeTime.inOffice(rs.getObject(i + 12, OffsetDateTime.class)),
                rs.getInt(i + 13),
                rs.getObject(i + 14, UUID.class),
                OfficeTime.inOffice(rs.getObject(i + 15, OffsetDateTime.class)));
    }
}
