package sr.gov.vpflow.mail;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;

/** The mail_outbox and mail_daily_rounds tables; what each role may do there the database decides. */
@Repository
class MailOutbox {

    private final JdbcClient jdbc;

    MailOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, NewMessage m) {
        jdbc.sql("""
                        INSERT INTO mail_outbox (id, kind, recipient, recipient_user_id, appointment_id, language,
                                                 subject, body, calendar, calendar_method, notice)
                        VALUES (:id, :kind, :recipient, :user, :appointment, :language, :subject, :body, :calendar,
                                :method, :notice)""")
                .param("notice", m.notice())
                .param("id", id)
                .param("kind", m.kind())
                .param("recipient", m.recipient())
                .param("user", m.recipientUserId())
                .param("appointment", m.appointmentId())
                .param("language", m.language())
                .param("subject", m.subject())
                .param("body", m.body())
                .param("calendar", m.calendar())
                .param("method", m.calendarMethod())
                .update();
    }

    /**
     * The oldest due message, locked by this transaction until it ends; one that another server
     * holds is skipped, so each message is in one sender's hands at a time.
     */
    Optional<OutboxMessage> claimDue() {
        return jdbc.sql("""
                        SELECT id, kind, recipient, subject, body, calendar, calendar_method, attempts, appointment_id,
                               notice
                        FROM mail_outbox
                        WHERE state = 'queued' AND next_attempt_at <= statement_timestamp()
                        ORDER BY next_attempt_at, id
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED""")
                .query((rs, n) -> new OutboxMessage(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getString("calendar"),
                        rs.getString("calendar_method"),
                        rs.getInt("attempts"),
                        rs.getObject("appointment_id", UUID.class),
                        rs.getString("notice")))
                .optional();
    }

    void markSent(UUID id, int attempts) {
        jdbc.sql("""
                        UPDATE mail_outbox SET state = 'sent', attempts = :attempts, sent_at = statement_timestamp(),
                                               last_error = NULL
                        WHERE id = :id AND state = 'queued'""").param("id", id).param("attempts", attempts).update();
    }

    /** Counts a failed attempt; the next one is due after {@code wait}, by the database's clock. */
    void markRetry(UUID id, int attempts, Duration wait, String error) {
        jdbc.sql("""
                        UPDATE mail_outbox SET attempts = :attempts, last_error = :error,
                                               next_attempt_at = statement_timestamp() + make_interval(secs => :secs)
                        WHERE id = :id AND state = 'queued'""")
                .param("id", id)
                .param("attempts", attempts)
                .param("secs", (double) wait.toMillis() / 1000)
                .param("error", error)
                .update();
    }

    void markFailed(UUID id, int attempts, String error) {
        jdbc.sql("""
                        UPDATE mail_outbox SET state = 'failed', attempts = :attempts, last_error = :error,
                                               failed_at = statement_timestamp()
                        WHERE id = :id AND state = 'queued'""")
                .param("id", id)
                .param("attempts", attempts)
                .param("error", error)
                .update();
    }

    /**
     * Claims the daily round of a kind for a day: true for the one transaction that claims it
     * first; a second server waits for that one and then finds it taken.
     */
    boolean claimRound(String kind, LocalDate day) {
        return jdbc.sql("""
                        INSERT INTO mail_daily_rounds (kind, office_day) VALUES (:kind, :day)
                        ON CONFLICT DO NOTHING""").param("kind", kind).param("day", day).update() == 1;
    }

    List<Recipient> recipients(String kind) {
        return jdbc.sql("SELECT user_id, address, language FROM mail_recipients(:kind)")
                .param("kind", kind)
                .query((rs, n) -> new Recipient(
                        rs.getObject("user_id", UUID.class), rs.getString("address"), rs.getString("language")))
                .list();
    }

    List<QueuedMail> queue(int limit) {
        return jdbc.sql("""
                        SELECT id, kind, recipient, state, attempts, next_attempt_at, last_error, queued_at, sent_at,
                               failed_at
                        FROM mail_queue(:limit)""")
                .param("limit", limit)
                .query((rs, n) -> new QueuedMail(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("recipient"),
                        rs.getString("state"),
                        rs.getInt("attempts"),
                        OfficeTime.inOffice(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                        rs.getString("last_error"),
                        OfficeTime.inOffice(rs.getObject("queued_at", OffsetDateTime.class)),
                        OfficeTime.inOffice(rs.getObject("sent_at", OffsetDateTime.class)),
                        OfficeTime.inOffice(rs.getObject("failed_at", OffsetDateTime.class))))
                .list();
    }

    List<QueueCount> counts() {
        return jdbc.sql("SELECT state, messages, retrying FROM mail_queue_counts() ORDER BY state")
                .query((rs, n) -> new QueueCount(rs.getString("state"), rs.getLong("messages"), rs.getLong("retrying")))
                .list();
    }

    /** Someone who receives a kind of daily mail. */
    record Recipient(UUID userId, String address, String language) {}
}
