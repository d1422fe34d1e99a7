-- Why: VP-Flow sends mail (guests' confirmations with calendar invitations, the Vice President's
-- morning digest, the secretaries' reminders of due cases) through a transactional outbox: a
-- message is a row written in the transaction of the change that causes it, so nothing is sent for
-- a change that rolls back and nothing is lost when a server stops; a sender claims due rows with
-- FOR UPDATE SKIP LOCKED and marks them, so that several servers send each message once. Rows are
-- marked (sent, failed), never deleted.
--
-- A message's body holds personal data. Nobody reads the table but the sender, which acts with an
-- operator token named 'mail' that only the database's owner issues (mail_sender()); the
-- administrator sees the queue through mail_queue(), which gives out a masked address and no body.
-- A secretary or the Vice President may queue a guest's confirmation, and only to the address of
-- the guest of an appointment they see: the database takes the recipient from guests, not from
-- the caller, so SQL on the application's login cannot mail anyone else. And they queue only
-- which notice it is (booked, rescheduled, cancelled): its text and invitation are written by the
-- sender from the appointment when it sends, so that SQL on the application's login cannot put
-- words of its own into the office's mail.

-- True when the acting token is the mail sender's: an operator token issued for 'mail'.
CREATE FUNCTION mail_sender() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    actor record;
BEGIN
    SELECT * INTO actor FROM acting_identity();
    IF actor.kind IS DISTINCT FROM 'operator' THEN
        RETURN false;
    END IF;
    RETURN EXISTS (SELECT FROM access_tokens t WHERE t.id = actor.token_id AND t.name = 'mail');
END
$$;
REVOKE ALL ON FUNCTION mail_sender() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mail_sender() TO vpflow_user;

CREATE TABLE mail_outbox (
    id                uuid        NOT NULL,
    kind              text        NOT NULL,
    recipient         text        NOT NULL,
    recipient_user_id uuid,
    appointment_id    uuid,
    language          text        NOT NULL DEFAULT 'nl',
    subject           text,
    body              text,
    calendar          text,
    calendar_method   text,
    notice            text,
    state             text        NOT NULL DEFAULT 'queued',
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    last_error        text,
    queued_at         timestamptz NOT NULL DEFAULT now(),
    queued_by         uuid                 DEFAULT current_user_id(),
    sent_at           timestamptz,
    failed_at         timestamptz,
    CONSTRAINT mail_outbox_pkey PRIMARY KEY (id),
    CONSTRAINT mail_outbox_recipient_user_fkey FOREIGN KEY (recipient_user_id) REFERENCES users (id),
    CONSTRAINT mail_outbox_appointment_fkey FOREIGN KEY (appointment_id) REFERENCES appointments (id),
    CONSTRAINT mail_outbox_queued_by_fkey FOREIGN KEY (queued_by) REFERENCES users (id),
    CONSTRAINT mail_outbox_kind CHECK (kind IN ('guest_confirmation', 'vp_digest', 'due_reminder')),
    CONSTRAINT mail_outbox_state CHECK (state IN ('queued', 'sent', 'failed')),
    CONSTRAINT mail_outbox_language CHECK (language IN ('nl', 'en')),
    CONSTRAINT mail_outbox_recipient_format CHECK (char_length(recipient) <= 254 AND recipient ~ '^[^@\s]+@[^@\s]+$'),
    CONSTRAINT mail_outbox_subject_length CHECK (char_length(subject) BETWEEN 1 AND 300),
    CONSTRAINT mail_outbox_body_length CHECK (char_length(body) BETWEEN 1 AND 100000),
    CONSTRAINT mail_outbox_calendar_method CHECK (
        (calendar IS NULL AND calendar_method IS NULL) OR calendar_method IN ('REQUEST', 'CANCEL')),
    CONSTRAINT mail_outbox_guest_appointment CHECK ((kind = 'guest_confirmation') = (appointment_id IS NOT NULL)),
    CONSTRAINT mail_outbox_notice CHECK (notice IS NULL OR notice IN ('booked', 'rescheduled', 'cancelled')),
    -- a guest's confirmation is queued as its notice alone (the sender writes it); daily mail as its text
    CONSTRAINT mail_outbox_composed CHECK (CASE WHEN kind = 'guest_confirmation'
        THEN notice IS NOT NULL AND subject IS NULL AND body IS NULL AND calendar IS NULL AND calendar_method IS NULL
        ELSE notice IS NULL AND subject IS NOT NULL AND body IS NOT NULL END),
    CONSTRAINT mail_outbox_attempts CHECK (attempts >= 0),
    CONSTRAINT mail_outbox_last_error_length CHECK (char_length(last_error) <= 500),
    CONSTRAINT mail_outbox_sent CHECK ((state = 'sent') = (sent_at IS NOT NULL)),
    CONSTRAINT mail_outbox_failed CHECK ((state = 'failed') = (failed_at IS NOT NULL))
);
-- the sender's question: which queued messages are due, the oldest first
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX mail_outbox_queued_at_idx ON mail_outbox (queued_at DESC);

-- A message is what it was when it was queued; only its delivery moves on, and a message that was
-- sent or given up stays so (the sender never sends it again).
CREATE FUNCTION mail_outbox_rules() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF (NEW.id, NEW.kind, NEW.recipient, NEW.recipient_user_id, NEW.appointment_id, NEW.language, NEW.subject,
        NEW.body, NEW.calendar, NEW.calendar_method, NEW.queued_at, NEW.queued_by)
       IS DISTINCT FROM
       (OLD.id, OLD.kind, OLD.recipient, OLD.recipient_user_id, OLD.appointment_id, OLD.language, OLD.subject,
        OLD.body, OLD.calendar, OLD.calendar_method, OLD.queued_at, OLD.queued_by) THEN
        RAISE EXCEPTION 'mail % is a record: only its delivery changes', OLD.id USING ERRCODE = 'VPF06';
    END IF;
    IF OLD.state <> 'queued' THEN
        RAISE EXCEPTION 'mail % is % already', OLD.id, OLD.state USING ERRCODE = 'VPF06';
    END IF;
    IF NEW.attempts < OLD.attempts THEN
        RAISE EXCEPTION 'the attempts of mail % only count up', OLD.id USING ERRCODE = 'VPF06';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER mail_outbox_rules BEFORE UPDATE ON mail_outbox
    FOR EACH ROW EXECUTE FUNCTION mail_outbox_rules();
SELECT secure_table('mail_outbox');

GRANT SELECT ON mail_outbox TO vpflow_user;
GRANT INSERT (id, kind, recipient, recipient_user_id, appointment_id, language, subject, body, calendar,
              calendar_method, notice) ON mail_outbox TO vpflow_user;
GRANT UPDATE (state, attempts, next_attempt_at, last_error, sent_at, failed_at) ON mail_outbox TO vpflow_user;

-- the sender reads, queues (the daily mail) and marks every message
CREATE POLICY mail_outbox_sender ON mail_outbox TO vpflow_user
    USING ((SELECT mail_sender())) WITH CHECK ((SELECT mail_sender()));
-- the office queues a confirmation to the guest of an appointment it sees, at the guest's address
CREATE POLICY mail_outbox_guest_insert ON mail_outbox FOR INSERT TO vpflow_user
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary')
                AND kind = 'guest_confirmation'
                AND recipient_user_id IS NULL
                AND queued_by = (SELECT current_user_id())
                AND recipient = (SELECT g.email FROM appointments a JOIN guests g ON g.id = a.guest_id
                                 WHERE a.id = appointment_id));

-- The days whose daily mail of a kind was queued: one row per (kind, day), claimed in the
-- transaction that queues the day's messages, so that one server queues them, once.
CREATE TABLE mail_daily_rounds (
    kind       text        NOT NULL,
    office_day date        NOT NULL,
    queued_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mail_daily_rounds_pkey PRIMARY KEY (kind, office_day),
    CONSTRAINT mail_daily_rounds_kind CHECK (kind IN ('vp_digest', 'due_reminder'))
);
CREATE FUNCTION mail_daily_rounds_immutable() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'the daily round % of % is a record: it is never changed', OLD.kind, OLD.office_day
        USING ERRCODE = 'VPF06';
END
$$;
CREATE TRIGGER mail_daily_rounds_immutable BEFORE UPDATE ON mail_daily_rounds
    FOR EACH ROW EXECUTE FUNCTION mail_daily_rounds_immutable();
SELECT secure_table('mail_daily_rounds');
GRANT SELECT, INSERT (kind, office_day) ON mail_daily_rounds TO vpflow_user;
CREATE POLICY mail_daily_rounds_sender ON mail_daily_rounds TO vpflow_user
    USING ((SELECT mail_sender())) WITH CHECK ((SELECT mail_sender()));

-- The administrator's view of the queue: kind, state, attempts, the last error and the times,
-- with the address masked (its first letter and its domain) and no subject or body.
CREATE FUNCTION mail_queue(p_limit integer)
    RETURNS TABLE (id uuid, kind text, recipient text, state text, attempts integer, next_attempt_at timestamptz,
                   last_error text, queued_at timestamptz, sent_at timestamptz, failed_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'the mail queue is for the administrator' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
        SELECT m.id, m.kind, left(m.recipient, 1) || '***@' || split_part(m.recipient, '@', 2), m.state, m.attempts,
               m.next_attempt_at, m.last_error, m.queued_at, m.sent_at, m.failed_at
        FROM mail_outbox m
        ORDER BY m.queued_at DESC, m.id
        LIMIT greatest(1, least(coalesce(p_limit, 100), 1000));
END
$$;
REVOKE ALL ON FUNCTION mail_queue(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mail_queue(integer) TO vpflow_user;

-- How many messages are in each state, for the administrator.
CREATE FUNCTION mail_queue_counts()
    RETURNS TABLE (state text, messages bigint, retrying bigint)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'the mail queue is for the administrator' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
        SELECT m.state, count(*), count(*) FILTER (WHERE m.attempts > 0) FROM mail_outbox m GROUP BY m.state;
END
$$;
REVOKE ALL ON FUNCTION mail_queue_counts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mail_queue_counts() TO vpflow_user;
