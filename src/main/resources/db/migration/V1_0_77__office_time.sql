-- Why: the demonstration shows an office that has worked for weeks, so its records and audit
-- events must carry the times at which they would have happened, not the minute the demo was
-- loaded. The database stamps records and audit events itself; the stamps an office account's
-- work makes (created_at, updated_at, a guest's check-in, a case's closing and reference year, a
-- guest's archiving, every audit event) now read the time from office_now(), which is now() except
-- while a history window is open: only the owner opens one (the server at start-up in demo mode, on
-- a database without guests, appointments or cases), for at most 30 minutes by the clock and never
-- earlier than the window's first moment, and the demo closes it when it is loaded. Within it a
-- transaction of the Vice President or a secretary may name its moment (back_date()); every audit
-- event so dated keeps the moment it was really written in its details (`entered_at`, in the hash
-- chain), and no other event may carry that key, so a dated history is never mistaken for one that
-- was lived. Outside a window, or for any other role, a named moment is refused, so the
-- application's login cannot date these stamps back. Other stamps (a series' cancellation and
-- split, a re-opened case closed again, holidays, accounts) stay on the real clock: a dated
-- transaction cannot make them, and the demo does not.

CREATE TABLE history_window (
    singleton  boolean     NOT NULL DEFAULT true,
    open_until timestamptz,
    earliest   timestamptz,
    CONSTRAINT history_window_pkey PRIMARY KEY (singleton),
    CONSTRAINT history_window_singleton CHECK (singleton),
    CONSTRAINT history_window_bounds CHECK ((open_until IS NULL) = (earliest IS NULL) AND earliest <= open_until)
);
INSERT INTO history_window DEFAULT VALUES;
SELECT secure_table('history_window');

-- The office's time: now(), or the moment this transaction of an office account named inside an
-- open window (the setting alone proves nothing: the role and the window are checked here).
CREATE FUNCTION office_now() RETURNS timestamptz
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    named text := nullif(current_setting('vpflow.as_of', true), '');
    w     history_window%ROWTYPE;
    t     timestamptz;
BEGIN
    IF named IS NULL THEN
        RETURN now();
    END IF;
    SELECT * INTO w FROM history_window WHERE singleton;
    t := named::timestamptz;
    IF current_app_role() NOT IN ('vp', 'secretary') OR w.open_until IS NULL
       OR clock_timestamp() >= w.open_until OR t < w.earliest OR t > now() THEN
        RAISE EXCEPTION 'nothing is dated back: no history window is open for %', named
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN t;
END
$$;

-- Names this transaction's moment, for the office's accounts: office_now() refuses it unless a
-- history window is open and holds it (and the refusal takes the setting back with the statement).
CREATE FUNCTION back_date(p_at timestamptz) RETURNS timestamptz
    LANGUAGE plpgsql VOLATILE SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF p_at IS NULL THEN
        RAISE EXCEPTION 'nothing is dated back: no moment named' USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('vpflow.as_of', p_at::text, true);
    RETURN office_now();
END
$$;
REVOKE ALL ON FUNCTION back_date(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION back_date(timestamptz) TO vpflow_user;

-- Closes the window (anyone may: closing takes a power away). True when one was open.
CREATE FUNCTION close_history_window() RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    UPDATE history_window SET open_until = NULL, earliest = NULL WHERE singleton AND open_until IS NOT NULL;
    RETURN FOUND;
END
$$;
REVOKE ALL ON FUNCTION close_history_window() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION close_history_window() TO vpflow_user;

-- The stamps read the office's time: the defaults of these columns (those of the tables a governed
-- plan makes too, given theirs after each migration, as apply_verified_identity() does; a new
-- table joins the list by hand) ...
CREATE FUNCTION apply_office_time() RETURNS void
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT c.relname, a.attname
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = 'vpflow' AND c.relkind = 'r'
          AND (c.relname, a.attname) IN (
                ('guests', 'created_at'), ('guests', 'updated_at'),
                ('appointments', 'created_at'), ('appointments', 'updated_at'),
                ('appointment_series', 'created_at'), ('appointment_series', 'updated_at'),
                ('cases', 'created_at'), ('cases', 'updated_at'),
                ('case_notes', 'created_at'),
                ('documents', 'created_at'), ('document_links', 'linked_at'))
          AND pg_get_expr(d.adbin, d.adrelid) = 'now()'
    LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET DEFAULT office_now()', col.relname, col.attname);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION apply_office_time() FROM PUBLIC;
SELECT apply_office_time();

-- ... an edit's updated_at ...
CREATE OR REPLACE FUNCTION touch_row() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.updated_at := office_now();
    NEW.updated_by := current_user_id();
    RETURN NEW;
END
$$;

-- ... a guest's arrival ...
CREATE OR REPLACE FUNCTION appointments_status_rules() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF NEW.status <> OLD.status AND (OLD.status::text || '>' || NEW.status::text) NOT IN (
            'requested>scheduled', 'requested>cancelled',
            'scheduled>arrived', 'scheduled>completed', 'scheduled>cancelled', 'scheduled>no_show',
            'arrived>completed', 'arrived>cancelled') THEN
        RAISE EXCEPTION 'appointment % is % and cannot become %', OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'VPF03';
    END IF;
    IF (NEW.starts_at, NEW.ends_at) IS DISTINCT FROM (OLD.starts_at, OLD.ends_at)
            AND OLD.status NOT IN ('requested', 'scheduled') THEN
        RAISE EXCEPTION 'appointment % is % and cannot move to another time', OLD.id, OLD.status
            USING ERRCODE = 'VPF03';
    END IF;
    IF NEW.status = 'arrived' AND OLD.status <> 'arrived' THEN
        NEW.checked_in_at := office_now();
    END IF;
    RETURN NEW;
END
$$;

-- ... and the audit chain, which keeps, for a dated event, when it was really written.
CREATE OR REPLACE FUNCTION audit_logs_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    head audit_chain_head%ROWTYPE;
BEGIN
    -- the row lock on the head serialises writers, so numbering and chaining follow commit order
    SELECT * INTO head FROM audit_chain_head WHERE singleton FOR UPDATE;
    NEW.seq := head.seq + 1;
    IF nullif(current_setting('vpflow.as_of', true), '') IS NULL THEN
        NEW.occurred_at := clock_timestamp();
        NEW.details := NEW.details - 'entered_at';
    ELSE
        NEW.occurred_at := office_now() + (clock_timestamp() - now());
        NEW.details := NEW.details || jsonb_build_object('entered_at', clock_timestamp());
    END IF;
    NEW.actor_id := current_user_id();
    NEW.actor_role := current_app_role();
    NEW.prev_hash := head.hash;
    NEW.hash := audit_row_hash(NEW.prev_hash, NEW.seq, NEW.occurred_at, NEW.actor_id, NEW.actor_role,
                               NEW.event_type, NEW.entity_type, NEW.entity_id, NEW.details);
    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE singleton;
    RETURN NEW;
END
$$;

-- ... and a case's reference, numbered in the year it is opened.
CREATE OR REPLACE FUNCTION cases_assign_reference() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    this_year integer := extract(year FROM office_now() AT TIME ZONE 'America/Paramaribo')::integer;
    number    integer;
BEGIN
    -- the counter row is locked until commit and rolls back with the case: no gaps, no duplicates
    INSERT INTO case_reference_counters AS c (year, last_number) VALUES (this_year, 1)
        ON CONFLICT (year) DO UPDATE SET last_number = c.last_number + 1
        RETURNING c.last_number INTO number;
    -- at least four digits; lpad alone would cut the 10,000th case of a year to four
    NEW.reference := format('VP-%s-%s', this_year,
                            CASE WHEN number < 10000 THEN lpad(number::text, 4, '0') ELSE number::text END);
    RETURN NEW;
END
$$;
