-- Why: v1.2 marks a case for the Vice President's decision: a secretary sets the mark, the Vice
-- President clears it (both audited). The rule is the database's: nobody else moves it, and
-- nobody moves it the other way.
ALTER TABLE cases ADD COLUMN for_decision boolean NOT NULL DEFAULT false;
CREATE INDEX cases_for_decision_idx ON cases (for_decision) WHERE for_decision;
-- the start page asks every morning which cases fall due in the coming working days
CREATE INDEX cases_open_due_idx ON cases (due_date, reference) WHERE state <> 'closed' AND due_date IS NOT NULL;
-- and which are re-opened (few among many closed ones)
CREATE INDEX cases_reopened_idx ON cases (created_at DESC, id DESC) WHERE state = 'reopened';

CREATE FUNCTION cases_decision_mark() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF NEW.for_decision IS DISTINCT FROM OLD.for_decision THEN
        IF NEW.for_decision AND current_app_role() NOT IN ('secretary', 'system') THEN
            RAISE EXCEPTION 'a secretary marks a case for the Vice President''s decision'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NOT NEW.for_decision AND current_app_role() NOT IN ('vp', 'system') THEN
            RAISE EXCEPTION 'the Vice President clears the mark for decision'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_decision_mark BEFORE UPDATE OF for_decision ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_decision_mark();

GRANT UPDATE (for_decision) ON cases TO vpflow_user;
