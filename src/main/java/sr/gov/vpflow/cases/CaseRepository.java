package sr.gov.vpflow.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SchemaFeatures;

/**
 * The cases table. Guest and appointment come from the {@code guests} and {@code appointments}
 * tables, read as the published read models of those modules (never written here).
 */
@Repository
class CaseRepository {

    /** A case with the names of what it links to; {@link #view} reads its columns by position. */
    private static final String VIEW = """
            SELECT c.id, c.reference, c.title, c.description, c.priority, c.due_date, c.state, c.resolution,
                   c.guest_id, g.full_name AS guest_full_name, g.organisation AS guest_organisation,
                   c.appointment_id, a.subject AS appointment_subject, a.starts_at AS appointment_starts_at,
                   c.closed_at, c.closed_by, closer.display_name AS closed_by_display_name,
                   c.created_at, c.created_by, c.updated_at, c.updated_by, c.version, %s
            FROM cases c
            LEFT JOIN guest_names g ON g.id = c.guest_id
            LEFT JOIN appointment_summaries a ON a.id = c.appointment_id
            LEFT JOIN user_names closer ON closer.id = c.closed_by
            """;

    private final JdbcClient jdbc;
    private final SchemaFeatures features;

    CaseRepository(JdbcClient jdbc, SchemaFeatures features) {
        this.jdbc = jdbc;
        this.features = features;
    }

    /** The view's query; the mark for decision exists from v1.2 on. */
    private String viewQuery() {
        return VIEW.formatted(features.isOfficeDay() ? "c.for_decision" : "false");
    }

    /** Cases not closed that are due from {@code from} (null: any day) to {@code until}, the earliest first. */
    List<CaseView> due(LocalDate from, LocalDate until, int limit) {
        // literal state and plain date comparisons: the partial index of open due dates answers them
        // under row-level security (V1_2_3)
        String window = from == null ? "c.due_date <= :until" : "c.due_date BETWEEN :from AND :until";
        JdbcClient.StatementSpec statement = jdbc.sql(
                        viewQuery() + " WHERE c.state <> 'closed' AND c.due_date IS NOT NULL" + " AND " + window
                                + " ORDER BY c.due_date, c.reference LIMIT :limit")
                .param("until", until);
        if (from != null) {
            statement = statement.param("from", from);
        }
        return statement.param("limit", limit).query(CaseRepository::view).list();
    }

    /** Re-opened cases (v1.1-A), the most recently opened first; the partial index of V1_2_3 finds them. */
    List<CaseView> reopened(int limit) {
        return jdbc.sql(viewQuery() + " WHERE c.state = 'reopened' ORDER BY c.created_at DESC, c.id DESC LIMIT :limit")
                .param("limit", limit)
                .query(CaseRepository::view)
                .list();
    }

    /** Open cases marked for the Vice President's decision (v1.2), by reference (the oldest case first). */
    List<CaseView> forDecision(int limit) {
        if (!features.isOfficeDay()) {
            return List.of();
        }
        return jdbc.sql(viewQuery() + " WHERE c.for_decision AND c.state <> 'closed' ORDER BY c.reference LIMIT :limit")
                .param("limit", limit)
                .query(CaseRepository::view)
                .list();
    }

    /** Sets or clears the mark for decision; false when the case does not change (or is not visible). */
    boolean markForDecision(UUID id, boolean marked) {
        return jdbc.sql("UPDATE cases SET for_decision = :marked WHERE id = :id AND for_decision <> :marked")
                        .param("id", id)
                        .param("marked", marked)
                        .update()
                == 1;
    }

    UUID insert(CaseDraft draft) {
        return jdbc.sql("""
                        INSERT INTO cases (title, description, priority, due_date, guest_id, appointment_id)
                        VALUES (:title, :description, CAST(:priority AS case_priority), CAST(:dueDate AS date),
                                CAST(:guestId AS uuid), CAST(:appointmentId AS uuid))
                        RETURNING id""")
                .param("title", draft.title())
                .param("description", draft.description())
                .param("priority", draft.priority().code())
                .param("dueDate", draft.dueDate())
                .param("guestId", draft.guestId())
                .param("appointmentId", draft.appointmentId())
                .query(UUID.class)
                .single();
    }

    Optional<CaseView> find(UUID id) {
        return jdbc.sql(viewQuery() + " WHERE c.id = :id")
                .param("id", id)
                .query(CaseRepository::view)
                .optional();
    }

    /**
     * The case, its row locked until the transaction ends: a decision that depends on the state
     * (re-opening) waits for one in progress and then sees its outcome.
     */
    Optional<CaseView> findForUpdate(UUID id) {
        return jdbc.sql(viewQuery() + " WHERE c.id = :id FOR UPDATE OF c")
                .param("id", id)
                .query(CaseRepository::view)
                .optional();
    }

    /** Newest first; {@code afterCreatedAt}/{@code afterId} are the sort key of the last row of the page before. */
    List<CaseView> list(CaseFilter filter, OffsetDateTime afterCreatedAt, UUID afterId, int limit) {
        return jdbc.sql(viewQuery() + """
                         WHERE (CAST(:state AS text) IS NULL OR c.state = CAST(:state AS case_state))
                           AND (CAST(:guestId AS uuid) IS NULL OR c.guest_id = CAST(:guestId AS uuid))
                           AND (CAST(:appointmentId AS uuid) IS NULL OR c.appointment_id = CAST(:appointmentId AS uuid))
                           AND (CAST(:q AS text) IS NULL
                                OR search_key(c.title) LIKE '%' || search_key(CAST(:q AS text)) || '%'
                                OR lower(c.reference) LIKE '%' || lower(CAST(:q AS text)) || '%')
                           AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
                                OR (c.created_at, c.id) < (CAST(:afterCreatedAt AS timestamptz), CAST(:afterId AS uuid)))
                         ORDER BY c.created_at DESC, c.id DESC
                         LIMIT :limit""")
                .param("state", filter.state() == null ? null : filter.state().code())
                .param("guestId", filter.guestId())
                .param("appointmentId", filter.appointmentId())
                .param("q", likePattern(filter.q()))
                .param("afterCreatedAt", afterCreatedAt)
                .param("afterId", afterId)
                .param("limit", limit)
                .query(CaseRepository::view)
                .list();
    }

    /** Writes an edit made on {@code version}; false when the case is at another version by now. */
    boolean update(UUID id, int version, CaseDraft draft) {
        return jdbc.sql("""
                        UPDATE cases SET title = :title, description = :description,
                               priority = CAST(:priority AS case_priority), due_date = CAST(:dueDate AS date),
                               guest_id = CAST(:guestId AS uuid), appointment_id = CAST(:appointmentId AS uuid),
                               state = CAST(:state AS case_state)
                        WHERE id = :id AND version = :version""")
                        .param("id", id)
                        .param("version", version)
                        .param("title", draft.title())
                        .param("description", draft.description())
                        .param("priority", draft.priority().code())
                        .param("dueDate", draft.dueDate())
                        .param("guestId", draft.guestId())
                        .param("appointmentId", draft.appointmentId())
                        .param("state", draft.state().code())
                        .update()
                == 1;
    }

    /** Closes a case at {@code version}; the database stamps who closed it and when. */
    boolean close(UUID id, int version, String resolution) {
        return jdbc.sql("""
                        UPDATE cases SET state = 'closed', resolution = :resolution,
                               closed_at = office_now(), closed_by = current_user_id()
                        WHERE id = :id AND version = :version""")
                        .param("id", id)
                        .param("version", version)
                        .param("resolution", resolution)
                        .update()
                == 1;
    }

    /**
     * Re-opens a closed case at {@code version}: it is no longer closed, so it carries no
     * resolution and no closing until it is closed again (the database insists).
     */
    boolean reopen(UUID id, int version) {
        return jdbc.sql("""
                        UPDATE cases SET state = 'reopened', resolution = NULL, closed_at = NULL, closed_by = NULL
                        WHERE id = :id AND version = :version AND state = 'closed'""").param("id", id).param("version", version).update() == 1;
    }

    /** The text searched for, with LIKE's wildcards taken literally; null when there is nothing to search. */
    static String likePattern(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        return q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static OffsetDateTime time(ResultSet rs, int column) throws SQLException {
        return OfficeTime.inOffice(rs.getObject(column, OffsetDateTime.class));
    }

    /** A row of {@link #VIEW}, read by position: a case list maps many rows per request. */
    private static CaseView view(ResultSet rs, int n) throws SQLException {
        UUID guestId = rs.getObject(9, UUID.class);
        UUID appointmentId = rs.getObject(12, UUID.class);
        return new CaseView(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, LocalDate.class),
                rs.getString(7),
                rs.getString(8),
                guestId,
                guestId == null ? null : new CaseView.Guest(guestId, rs.getString(10), rs.getString(11)),
                appointmentId,
                appointmentId == null ? null : new CaseView.Appointment(appointmentId, rs.getString(13), time(rs, 14)),
                time(rs, 15),
                rs.getObject(16, UUID.class),
                rs.getString(17),
                time(rs, 18),
                rs.getObject(19, UUID.class),
                time(rs, 20),
                rs.getObject(21, UUID.class),
                rs.getInt(22),
                rs.getBoolean(23));
    }
}
