-- Why: the matters that come out of appointments. A case has a readable reference that is
-- unique and gap-free per year, a version for optimistic locking, and a state whose legal
-- moves are data (case_state_transitions), so the database refuses an illegal move whoever asks.
CREATE TYPE case_state AS ENUM ('open', 'in_progress', 'closed');
CREATE TYPE case_priority AS ENUM ('low', 'normal', 'high', 'urgent');

CREATE TABLE case_reference_counters (
    year        integer NOT NULL,
    last_number integer NOT NULL,
    CONSTRAINT case_reference_counters_pkey PRIMARY KEY (year)
);
SELECT secure_table('case_reference_counters');

-- text, not case_state: a later plan may add states whose enum value is not usable in the
-- transaction that adds it
CREATE TABLE case_state_transitions (
    from_state text    NOT NULL,
    to_state   text    NOT NULL,
    vp_only    boolean NOT NULL,
    CONSTRAINT case_state_transitions_pkey PRIMARY KEY (from_state, to_state)
);
INSERT INTO case_state_transitions (from_state, to_state, vp_only) VALUES
    ('open', 'in_progress', false),
    ('in_progress', 'open', false),
    ('open', 'closed', true),
    ('in_progress', 'closed', true);
SELECT secure_table('case_state_transitions');
GRANT SELECT ON case_state_transitions TO vpflow_vp, vpflow_secretary;
CREATE POLICY case_state_transitions_read ON case_state_transitions FOR SELECT
    TO vpflow_vp, vpflow_secretary USING (true);

CREATE TABLE cases (
    id             uuid          NOT NULL DEFAULT gen_random_uuid(),
    reference      text          NOT NULL,
    title          text          NOT NULL,
    description    text,
    guest_id       uuid,
    appointment_id uuid,
    priority       case_priority NOT NULL DEFAULT 'normal',
    due_date       date,
    state          case_state    NOT NULL DEFAULT 'open',
    resolution     text,
    closed_at      timestamptz,
    closed_by      uuid,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    created_by     uuid                   DEFAULT current_user_id(),
    updated_at     timestamptz   NOT NULL DEFAULT now(),
    updated_by     uuid,
    version        integer       NOT NULL DEFAULT 0,
    CONSTRAINT cases_pkey PRIMARY KEY (id),
    CONSTRAINT cases_reference_key UNIQUE (reference),
    CONSTRAINT cases_reference_format CHECK (reference ~ '^VP-[0-9]{4}-[0-9]{4,}$'),
    CONSTRAINT cases_guest_fkey FOREIGN KEY (guest_id) REFERENCES guests (id),
    CONSTRAINT cases_appointment_fkey FOREIGN KEY (appointment_id) REFERENCES appointments (id),
    CONSTRAINT cases_closed_by_fkey FOREIGN KEY (closed_by) REFERENCES users (id),
    CONSTRAINT cases_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT cases_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id),
    CONSTRAINT cases_title_length CHECK (char_length(btrim(title)) BETWEEN 1 AND 200),
    CONSTRAINT cases_description_length CHECK (char_length(description) <= 10000),
    CONSTRAINT cases_resolution_length CHECK (char_length(resolution) <= 10000),
    CONSTRAINT cases_closed_complete CHECK (state <> 'closed'
        OR (resolution IS NOT NULL AND btrim(resolution) <> '' AND closed_at IS NOT NULL AND closed_by IS NOT NULL))
);
CREATE INDEX cases_list_idx ON cases (state, updated_at DESC, id);
CREATE INDEX cases_updated_idx ON cases (updated_at DESC, id);
CREATE INDEX cases_guest_idx ON cases (guest_id);
CREATE INDEX cases_appointment_idx ON cases (appointment_id);

CREATE FUNCTION cases_assign_reference() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    this_year integer := extract(year FROM now() AT TIME ZONE 'America/Paramaribo')::integer;
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
REVOKE ALL ON FUNCTION cases_assign_reference() FROM PUBLIC;

CREATE FUNCTION cases_state_rules() RETURNS trigger
    LANGUAGE plpgsql
AS $$
DECLARE
    rule case_state_transitions%ROWTYPE;
BEGIN
    IF NEW.state = OLD.state THEN
        RETURN NEW;
    END IF;
    SELECT * INTO rule FROM case_state_transitions
        WHERE from_state = OLD.state::text AND to_state = NEW.state::text;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'a case cannot move from % to %', OLD.state, NEW.state USING ERRCODE = 'VPF04';
    END IF;
    IF rule.vp_only AND current_app_role() <> 'vp' THEN
        RAISE EXCEPTION 'only the Vice President may move a case from % to %', OLD.state, NEW.state
            USING ERRCODE = 'VPF05';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER cases_assign_reference BEFORE INSERT ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_assign_reference();
CREATE TRIGGER cases_state_rules BEFORE UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_state_rules();
CREATE TRIGGER cases_touch BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION touch_row();
SELECT secure_table('cases');

GRANT SELECT ON cases TO vpflow_vp, vpflow_secretary;
GRANT INSERT (title, description, guest_id, appointment_id, priority, due_date) ON cases
    TO vpflow_vp, vpflow_secretary;
GRANT UPDATE (title, description, guest_id, appointment_id, priority, due_date, state) ON cases
    TO vpflow_vp, vpflow_secretary;
GRANT UPDATE (resolution, closed_at, closed_by) ON cases TO vpflow_vp;

CREATE POLICY cases_office_read ON cases FOR SELECT TO vpflow_vp, vpflow_secretary USING (true);
CREATE POLICY cases_office_insert ON cases FOR INSERT TO vpflow_vp, vpflow_secretary
    WITH CHECK (state = 'open');
CREATE POLICY cases_vp_update ON cases FOR UPDATE TO vpflow_vp USING (true) WITH CHECK (true);
-- a secretary edits cases that are not closed and can never leave one closed
CREATE POLICY cases_secretary_update ON cases FOR UPDATE TO vpflow_secretary
    USING (state <> 'closed') WITH CHECK (state <> 'closed');

CREATE POLICY audit_logs_case_read ON audit_logs FOR SELECT TO vpflow_secretary
    USING (entity_type = 'case' AND EXISTS (SELECT FROM cases c WHERE c.id = entity_id));
