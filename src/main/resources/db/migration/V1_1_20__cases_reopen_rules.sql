-- Why: a re-opened case is no longer closed (DESIGN.md section 3): it carries no resolution and no
-- closing until the Vice President closes it again, and that closing is his own, made now, with a
-- new resolution (the cases_closed_complete check then requires one, as the old one was taken away
-- by the re-opening). The moves to and from `reopened` are already the Vice President's alone
-- (case_state_transitions.vp_only, the cases_state_rules trigger); this trigger keeps what a
-- re-opening and a re-closing write honest, for every role, the Vice President's included. Its
-- name sorts after cases_state_rules, and triggers fire in name order, so a move refused as such
-- is reported as such first. A new function and trigger only: no v1.0 object changes, and making
-- the trigger locks `cases` for no more than milliseconds.
CREATE FUNCTION cases_reopen_rules() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF NEW.state = 'reopened'
       AND (NEW.resolution IS NOT NULL OR NEW.closed_at IS NOT NULL OR NEW.closed_by IS NOT NULL) THEN
        RAISE EXCEPTION 'a re-opened case has no resolution and no closing until it is closed again'
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.state = 'reopened' AND NEW.state = 'closed'
       AND (NEW.closed_by IS DISTINCT FROM current_user_id() OR NEW.closed_at IS DISTINCT FROM now()) THEN
        RAISE EXCEPTION 'a re-opened case is closed again by the Vice President who closes it, at this moment'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER cases_state_rules_reopened BEFORE UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_reopen_rules();
