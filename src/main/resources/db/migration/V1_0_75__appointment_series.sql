-- Why: the Vice President's week has fixed points (the weekly Council of Ministers, a monthly
-- meeting with the district commissioners). A series keeps the rule (RFC 5545 RRULE, in
-- Paramaribo's time) and what its appointments share; each occurrence is a real appointment row,
-- so the no-overlap constraint, check-in, no-show and cases work on it as on any other. Rows are
-- made for a rolling horizon (booked_until) and extended as time passes. occurrence_at is the start
-- the rule gives an occurrence (its RECURRENCE-ID); a row moved on its own keeps it.
CREATE TABLE appointment_series (
    id             uuid        NOT NULL DEFAULT gen_random_uuid(),
    guest_id       uuid        NOT NULL,
    subject        text        NOT NULL,
    purpose        text,
    location       text,
    starts_at      timestamptz NOT NULL,
    ends_at        timestamptz NOT NULL,
    rule           text        NOT NULL,
    skip_holidays  boolean     NOT NULL DEFAULT false,
    booked_until   timestamptz NOT NULL,
    complete       boolean     NOT NULL DEFAULT false,
    split_from     uuid,
    cancelled_at   timestamptz,
    cancel_reason  text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid                 DEFAULT current_user_id(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    updated_by     uuid,
    version        integer     NOT NULL DEFAULT 0,
    CONSTRAINT appointment_series_pkey PRIMARY KEY (id),
    CONSTRAINT appointment_series_guest_fkey FOREIGN KEY (guest_id) REFERENCES guests (id),
    CONSTRAINT appointment_series_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT appointment_series_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id),
    CONSTRAINT appointment_series_split_from_fkey FOREIGN KEY (split_from) REFERENCES appointment_series (id),
    CONSTRAINT appointment_series_subject_length CHECK (char_length(btrim(subject)) BETWEEN 1 AND 200),
    CONSTRAINT appointment_series_purpose_length CHECK (char_length(purpose) <= 4000),
    CONSTRAINT appointment_series_location_length CHECK (char_length(location) <= 200),
    CONSTRAINT appointment_series_rule_form CHECK (rule ~ '^FREQ=[A-Z]+(;[A-Z]+=[A-Z0-9,+-]+)*$'
                                                  AND char_length(rule) <= 300),
    CONSTRAINT appointment_series_ends_after_start CHECK (ends_at > starts_at),
    -- occurrences are on days of their own: one lasts less than a day
    CONSTRAINT appointment_series_length CHECK (ends_at - starts_at < interval '1 day'),
    CONSTRAINT appointment_series_cancel_has_reason
        CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL)
               AND (cancel_reason IS NULL OR char_length(btrim(cancel_reason)) BETWEEN 1 AND 1000))
);
-- the series the horizon job extends
CREATE INDEX appointment_series_open_idx ON appointment_series (id) WHERE cancelled_at IS NULL AND NOT complete;

CREATE TRIGGER appointment_series_touch BEFORE UPDATE ON appointment_series
    FOR EACH ROW EXECUTE FUNCTION touch_row();

-- A series is history once booked. A cancelled one stays as it is. Its rule keeps its parts: only
-- its end (UNTIL or COUNT) changes, when a change or cancellation from an occurrence on ends it
-- there. Its first start moves only within its day (a new time of day for all occurrences), and
-- the time up to which it is booked moves with it or forward, never back. A completed rule (every
-- occurrence booked) stays complete.
CREATE FUNCTION appointment_series_rules() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF OLD.cancelled_at IS NOT NULL THEN
        RAISE EXCEPTION 'series % is cancelled', OLD.id USING ERRCODE = 'VPF03';
    END IF;
    IF NEW.cancelled_at IS NOT NULL THEN
        NEW.cancelled_at := now();
    END IF;
    IF regexp_replace(NEW.rule, ';(UNTIL|COUNT)=[^;]*', '', 'g')
       <> regexp_replace(OLD.rule, ';(UNTIL|COUNT)=[^;]*', '', 'g') THEN
        RAISE EXCEPTION 'series %: only the end of a rule changes', OLD.id USING ERRCODE = 'VPF03';
    END IF;
    IF abs(extract(epoch FROM NEW.starts_at - OLD.starts_at)) >= 86400 THEN
        RAISE EXCEPTION 'series %: a series moves within its day', OLD.id USING ERRCODE = 'VPF03';
    END IF;
    IF NEW.booked_until < OLD.booked_until
       AND NEW.booked_until - OLD.booked_until <> NEW.starts_at - OLD.starts_at THEN
        RAISE EXCEPTION 'series %: what is booked is not unbooked', OLD.id USING ERRCODE = 'VPF03';
    END IF;
    IF OLD.complete AND NOT NEW.complete THEN
        RAISE EXCEPTION 'series % is complete', OLD.id USING ERRCODE = 'VPF03';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER appointment_series_rules BEFORE UPDATE ON appointment_series
    FOR EACH ROW EXECUTE FUNCTION appointment_series_rules();
SELECT secure_table('appointment_series');

GRANT SELECT ON appointment_series TO vpflow_user;
GRANT INSERT (guest_id, subject, purpose, location, starts_at, ends_at, rule, skip_holidays, booked_until,
               split_from)
    ON appointment_series TO vpflow_user;
GRANT UPDATE (guest_id, subject, purpose, location, starts_at, ends_at, rule, booked_until, complete, cancelled_at,
               cancel_reason)
    ON appointment_series TO vpflow_user;
-- the calendar feed writes a series as one event with its rule
CREATE POLICY appointment_series_office_read ON appointment_series FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary', 'feed'));
CREATE POLICY appointment_series_office_insert ON appointment_series FOR INSERT TO vpflow_user
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary') AND cancelled_at IS NULL AND NOT complete);
CREATE POLICY appointment_series_office_update ON appointment_series FOR UPDATE TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary'))
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary'));

ALTER TABLE appointments
    ADD COLUMN series_id uuid,
    ADD COLUMN occurrence_at timestamptz,
    ADD CONSTRAINT appointments_series_fkey FOREIGN KEY (series_id) REFERENCES appointment_series (id),
    ADD CONSTRAINT appointments_occurrence_complete CHECK ((series_id IS NULL) = (occurrence_at IS NULL));
-- one appointment per occurrence of a series
CREATE UNIQUE INDEX appointments_occurrence_key ON appointments (series_id, occurrence_at)
    WHERE series_id IS NOT NULL;
GRANT INSERT (series_id, occurrence_at) ON appointments TO vpflow_user;
GRANT UPDATE (series_id, occurrence_at) ON appointments TO vpflow_user;

-- An occurrence belongs to the series it was made for: a running one, with its guest. It moves
-- only to the series split from its own in the same transaction (a change "from this occurrence
-- on"), and only within its day; never out of a cancelled series, never into another.
CREATE FUNCTION appointments_series_rules() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.series_id IS NOT NULL AND NOT EXISTS (
                SELECT FROM appointment_series s
                WHERE s.id = NEW.series_id AND s.cancelled_at IS NULL AND s.guest_id = NEW.guest_id) THEN
            RAISE EXCEPTION 'an occurrence belongs to a running series, with its guest' USING ERRCODE = 'VPF03';
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.series_id, NEW.occurrence_at) IS NOT DISTINCT FROM (OLD.series_id, OLD.occurrence_at) THEN
        RETURN NEW;
    END IF;
    IF OLD.series_id IS NULL OR NEW.series_id IS NULL
       OR EXISTS (SELECT FROM appointment_series s WHERE s.id = OLD.series_id AND s.cancelled_at IS NOT NULL)
       OR abs(extract(epoch FROM NEW.occurrence_at - OLD.occurrence_at)) >= 86400 THEN
        RAISE EXCEPTION 'appointment % cannot change its series', OLD.id USING ERRCODE = 'VPF03';
    END IF;
    IF NEW.series_id <> OLD.series_id AND NOT EXISTS (
            SELECT FROM appointment_series s
            WHERE s.id = NEW.series_id AND s.split_from = OLD.series_id AND s.created_at = now()) THEN
        RAISE EXCEPTION 'appointment % cannot change its series', OLD.id USING ERRCODE = 'VPF03';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER appointments_series_rules BEFORE INSERT OR UPDATE ON appointments
    FOR EACH ROW EXECUTE FUNCTION appointments_series_rules();

INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('appointment_series_created', '1.0', 'a recurring appointment was booked, its occurrences with it'),
    ('appointment_series_updated', '1.0', 'occurrences of a series were changed, from one on or all of them'),
    ('appointment_series_cancelled', '1.0', 'occurrences of a series were cancelled, from one on or all of them'),
    ('appointment_series_extended', '1.0', 'a series got the occurrences of its rolling horizon')
ON CONFLICT (code) DO NOTHING;

-- the secretaries read the events of the series they see, as of the appointments
CREATE POLICY audit_logs_appointment_series_read ON audit_logs FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) = 'secretary' AND entity_type = 'appointment_series'
           AND EXISTS (SELECT FROM appointment_series s WHERE s.id = entity_id));
