-- Why: the Vice President's agenda. Two active (scheduled or arrived) appointments may never
-- overlap; the exclusion constraint holds that even under concurrent bookings.
CREATE TYPE appointment_status AS ENUM ('requested', 'scheduled', 'arrived', 'completed', 'cancelled', 'no_show');

CREATE TABLE appointments (
    id                  uuid               NOT NULL DEFAULT gen_random_uuid(),
    guest_id            uuid               NOT NULL,
    subject             text               NOT NULL,
    purpose             text,
    location            text,
    starts_at           timestamptz        NOT NULL,
    ends_at             timestamptz        NOT NULL,
    status              appointment_status NOT NULL DEFAULT 'scheduled',
    status_reason       text,
    checked_in_at       timestamptz,
    created_at          timestamptz        NOT NULL DEFAULT now(),
    created_by          uuid                        DEFAULT current_user_id(),
    updated_at          timestamptz        NOT NULL DEFAULT now(),
    updated_by          uuid,
    version             integer            NOT NULL DEFAULT 0,
    CONSTRAINT appointments_pkey PRIMARY KEY (id),
    CONSTRAINT appointments_guest_fkey FOREIGN KEY (guest_id) REFERENCES guests (id),
    CONSTRAINT appointments_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT appointments_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id),
    CONSTRAINT appointments_subject_length CHECK (char_length(btrim(subject)) BETWEEN 1 AND 200),
    CONSTRAINT appointments_purpose_length CHECK (char_length(purpose) <= 4000),
    CONSTRAINT appointments_location_length CHECK (char_length(location) <= 200),
    CONSTRAINT appointments_status_reason_length CHECK (char_length(status_reason) <= 1000),
    CONSTRAINT appointments_ends_after_start CHECK (ends_at > starts_at),
    CONSTRAINT appointments_cancel_has_reason CHECK (status <> 'cancelled' OR btrim(status_reason) <> ''),
    CONSTRAINT appointments_no_overlap EXCLUDE USING gist (tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status IN ('scheduled', 'arrived'))
);
CREATE INDEX appointments_starts_idx ON appointments (starts_at, id);
CREATE INDEX appointments_guest_idx ON appointments (guest_id, starts_at);

-- A status never changes silently and only along these moves (the same as
-- AppointmentStatus in the application): requested -> scheduled | cancelled;
-- scheduled -> arrived | completed | cancelled | no_show; arrived -> completed | cancelled.
-- Completed, cancelled and no-show are final. Only a requested or scheduled appointment moves
-- to another time.
CREATE FUNCTION appointments_status_rules() RETURNS trigger
    LANGUAGE plpgsql
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
        NEW.checked_in_at := now();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER appointments_status_rules BEFORE UPDATE ON appointments
    FOR EACH ROW EXECUTE FUNCTION appointments_status_rules();
CREATE TRIGGER appointments_touch BEFORE UPDATE ON appointments FOR EACH ROW EXECUTE FUNCTION touch_row();
SELECT secure_table('appointments');

GRANT SELECT ON appointments TO vpflow_vp, vpflow_secretary;
-- who and when are stamped by defaults and triggers, never written by a request
GRANT INSERT (guest_id, subject, purpose, location, starts_at, ends_at, status)
    ON appointments TO vpflow_vp, vpflow_secretary;
GRANT UPDATE (guest_id, subject, purpose, location, starts_at, ends_at, status, status_reason)
    ON appointments TO vpflow_vp, vpflow_secretary;
CREATE POLICY appointments_office_read ON appointments FOR SELECT TO vpflow_vp, vpflow_secretary USING (true);
-- a new appointment is requested or booked; it cannot start life checked in or finished
CREATE POLICY appointments_office_insert ON appointments FOR INSERT TO vpflow_vp, vpflow_secretary
    WITH CHECK (status IN ('requested', 'scheduled'));
CREATE POLICY appointments_office_update ON appointments FOR UPDATE TO vpflow_vp, vpflow_secretary
    USING (true) WITH CHECK (true);

CREATE POLICY audit_logs_appointment_read ON audit_logs FOR SELECT TO vpflow_secretary
    USING (entity_type = 'appointment' AND EXISTS (SELECT FROM appointments a WHERE a.id = entity_id));
