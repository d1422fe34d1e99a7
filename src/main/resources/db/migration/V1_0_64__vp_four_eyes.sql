-- Why: the administrator must not be able to give anyone the Vice President's power, themselves
-- included. Making an account with role vp, changing a role to or from vp, enabling a disabled vp
-- account and setting a vp account's password are requests: the administrator files them and
-- they take effect only when an active Vice President who did not file them approves, signed in
-- as themselves. The rule is the database's: a trigger on users refuses such a change unless an
-- approved, not yet used request for exactly that change exists, and only the approval function
-- (which asks for an active Vice President other than the requester) writes an approval.
-- Bootstrap: with no active Vice President, the operator (the command line on the server, which
-- holds the owner's credentials) may create the first one. The owner's own SQL (migrations,
-- restores) is outside the rule: whoever holds the owner can switch triggers off, which the
-- signed audit checkpoints make visible.

INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('account_request_filed', '1.0', 'a change of the Vice President''s power was requested'),
    ('account_request_approved', '1.0', 'a Vice President approved a requested account change'),
    ('account_request_rejected', '1.0', 'a Vice President rejected a requested account change'),
    ('user_enabled', '1.0', 'an account was enabled again'),
    ('user_role_changed', '1.0', 'an account''s role was changed')
ON CONFLICT (code) DO NOTHING;

CREATE TABLE account_requests (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    kind            text        NOT NULL,
    user_id         uuid        NOT NULL,
    new_role        app_role,
    password_hash   text,
    note            text,
    requested_by    uuid,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    status          text        NOT NULL DEFAULT 'pending',
    decided_by      uuid,
    decided_at      timestamptz,
    decision_reason text,
    applied_at      timestamptz,
    CONSTRAINT account_requests_pkey PRIMARY KEY (id),
    CONSTRAINT account_requests_user_fkey FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT account_requests_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES users (id),
    CONSTRAINT account_requests_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES users (id),
    CONSTRAINT account_requests_kind CHECK (kind IN ('activate', 'role_change', 'password_reset')),
    CONSTRAINT account_requests_status CHECK (status IN ('pending', 'approved', 'rejected')),
    CONSTRAINT account_requests_what CHECK (CASE kind
        WHEN 'role_change' THEN new_role IS NOT NULL AND password_hash IS NULL
        WHEN 'password_reset' THEN new_role IS NULL AND password_hash IS NOT NULL
        ELSE new_role IS NULL AND password_hash IS NULL END),
    CONSTRAINT account_requests_decided CHECK ((status = 'pending') = (decided_by IS NULL AND decided_at IS NULL)),
    CONSTRAINT account_requests_reason CHECK (status = 'pending' OR char_length(btrim(decision_reason)) BETWEEN 1 AND 500),
    CONSTRAINT account_requests_four_eyes CHECK (decided_by IS NULL OR decided_by IS DISTINCT FROM requested_by),
    CONSTRAINT account_requests_applied CHECK (applied_at IS NULL OR status = 'approved'),
    CONSTRAINT account_requests_note_length CHECK (note IS NULL OR char_length(note) <= 500)
);
CREATE UNIQUE INDEX account_requests_one_pending ON account_requests (user_id, kind) WHERE status = 'pending';
CREATE INDEX account_requests_requested_idx ON account_requests (requested_at);
SELECT secure_table('account_requests');
-- no role reads or writes the table itself: the functions below are the only way in

-- An approval is written only for a pending request, by an active Vice President who did not
-- file it, and is final; whoever writes (the functions run as the owner), this holds.
CREATE FUNCTION account_requests_guard() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF OLD.status <> 'pending' AND (NEW.status, NEW.decided_by, NEW.decided_at, NEW.decision_reason)
            IS DISTINCT FROM (OLD.status, OLD.decided_by, OLD.decided_at, OLD.decision_reason) THEN
        RAISE EXCEPTION 'a decided request stays decided' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.kind, NEW.user_id, NEW.new_role, NEW.password_hash, NEW.requested_by, NEW.requested_at)
            IS DISTINCT FROM (OLD.kind, OLD.user_id, OLD.new_role, OLD.password_hash, OLD.requested_by, OLD.requested_at) THEN
        RAISE EXCEPTION 'a request is not edited' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status = 'pending' AND NEW.status = 'approved' AND NOT EXISTS (
            SELECT FROM users u WHERE u.id = NEW.decided_by AND u.role = 'vp' AND u.is_active) THEN
        RAISE EXCEPTION 'only an active Vice President approves' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION account_requests_guard() FROM PUBLIC;
CREATE TRIGGER account_requests_guard BEFORE UPDATE ON account_requests
    FOR EACH ROW EXECUTE FUNCTION account_requests_guard();

-- Whether this statement comes through the application's login (every request, the command
-- line's operator); the owner's own sessions are not.
CREATE FUNCTION acting_through_application() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT EXISTS (SELECT FROM pg_auth_members m
                   JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = 'vpflow_user'
                   JOIN pg_roles l ON l.oid = m.member AND l.rolname = session_user)
$$;
REVOKE ALL ON FUNCTION acting_through_application() FROM PUBLIC;

-- Uses the approved request for exactly this change, or refuses it.
CREATE FUNCTION use_account_approval(p_user uuid, p_kind text, p_role app_role) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    used uuid;
BEGIN
    UPDATE account_requests SET applied_at = now()
    WHERE id = (SELECT r.id FROM account_requests r
                WHERE r.user_id = p_user AND r.kind = p_kind AND r.status = 'approved' AND r.applied_at IS NULL
                  AND (p_kind <> 'role_change' OR r.new_role = p_role)
                ORDER BY r.decided_at LIMIT 1)
    RETURNING id INTO used;
    IF used IS NULL THEN
        RAISE EXCEPTION 'this change of the Vice President''s power needs the approval of another active Vice President'
            USING ERRCODE = 'insufficient_privilege', HINT = 'file it as a request (account_request)';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION use_account_approval(uuid, text, app_role) FROM PUBLIC;

-- The operator (only the owner issues its tokens) may add an active Vice President in two cases:
-- the first one, when there is no active Vice President; and the RLS matrix check's probe
-- account, under a token the owner issued for that check, in a transaction the check rolls back.
CREATE FUNCTION operator_may_add_active_vp(p_username text) RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    actor record;
BEGIN
    SELECT * INTO actor FROM acting_identity();
    IF actor.kind IS DISTINCT FROM 'operator' THEN
        RETURN false;
    END IF;
    RETURN NOT EXISTS (SELECT FROM users u WHERE u.role = 'vp' AND u.is_active)
        OR (p_username LIKE 'rls-check-%'
            AND EXISTS (SELECT FROM access_tokens t WHERE t.id = actor.token_id AND t.name = 'rls-check'));
END
$$;
REVOKE ALL ON FUNCTION operator_may_add_active_vp(text) FROM PUBLIC;

-- An operator token for one purpose, named by it (only the owner issues them).
CREATE FUNCTION issue_operator_token(p_role app_role, p_seconds integer, p_purpose text) RETURNS text
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT n.token FROM vpflow.new_token('operator', NULL, p_role, p_purpose,
                                         now() + make_interval(secs => p_seconds), NULL) n
$$;
REVOKE ALL ON FUNCTION issue_operator_token(app_role, integer, text) FROM PUBLIC;

CREATE FUNCTION users_four_eyes() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    actor record;
BEGIN
    IF NOT acting_through_application() THEN
        RETURN NEW;
    END IF;
    SELECT * INTO actor FROM acting_identity();
    IF TG_OP = 'INSERT' THEN
        IF NEW.role = 'vp' AND NEW.is_active AND NOT operator_may_add_active_vp(NEW.username) THEN
            RAISE EXCEPTION 'a Vice President''s account becomes active only with the approval of another active Vice President'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.role IS DISTINCT FROM OLD.role AND 'vp' IN (NEW.role, OLD.role) THEN
        PERFORM use_account_approval(NEW.id, 'role_change', NEW.role);
    END IF;
    IF NEW.role = 'vp' AND NEW.is_active AND NOT OLD.is_active THEN
        PERFORM use_account_approval(NEW.id, 'activate', NULL);
    END IF;
    IF 'vp' IN (NEW.role, OLD.role) AND NEW.password_hash IS DISTINCT FROM OLD.password_hash
       AND actor.user_id IS DISTINCT FROM NEW.id THEN
        PERFORM use_account_approval(NEW.id, 'password_reset', NULL);
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION users_four_eyes() FROM PUBLIC;
CREATE TRIGGER users_four_eyes BEFORE INSERT OR UPDATE OF role, is_active, password_hash ON users
    FOR EACH ROW EXECUTE FUNCTION users_four_eyes();

-- The administrator's account work. A vp account is made disabled, with a request to activate
-- it, unless it is the operator's first Vice President.
CREATE OR REPLACE FUNCTION create_user(p_username text, p_display_name text, p_role app_role, p_password text) RETURNS uuid
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    made uuid;
    first_vp boolean;
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'only the administrator creates accounts' USING ERRCODE = 'insufficient_privilege';
    END IF;
    first_vp := p_role = 'vp' AND operator_may_add_active_vp(p_username);
    INSERT INTO users (username, display_name, role, password_hash, is_active)
    VALUES (p_username, p_display_name, p_role, hash_password(p_password, p_username), p_role <> 'vp' OR first_vp)
    RETURNING id INTO made;
    IF p_role = 'vp' AND NOT first_vp THEN
        PERFORM file_account_request('activate', made, NULL, NULL, 'new account');
    END IF;
    RETURN made;
END
$$;

CREATE OR REPLACE FUNCTION set_password(p_user uuid, p_password text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    name text;
    account_role app_role;
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'only the administrator sets a password' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT username, role INTO name, account_role FROM users WHERE id = p_user;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF account_role = 'vp' THEN
        PERFORM file_account_request('password_reset', p_user, NULL, p_password, NULL);
        RETURN true;
    END IF;
    -- a new password also lifts any lock; the users_end_tokens trigger ends every token
    UPDATE users SET password_hash = hash_password(p_password, name), failed_logins = 0, locked_until = NULL
    WHERE id = p_user;
    RETURN true;
END
$$;

-- A role other than the Vice President's is the administrator's to change; to or from vp it is a request.
CREATE FUNCTION set_role(p_user uuid, p_role app_role) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    account users%ROWTYPE;
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'only the administrator changes roles' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO account FROM users WHERE id = p_user FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'not_found';
    END IF;
    IF account.role = p_role THEN
        RETURN 'unchanged';
    END IF;
    IF 'vp' IN (account.role, p_role) THEN
        PERFORM file_account_request('role_change', p_user, p_role, NULL, NULL);
        RETURN 'requested';
    END IF;
    UPDATE users SET role = p_role WHERE id = p_user;
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('user_role_changed', 'user', p_user,
            jsonb_build_object('username', account.username, 'from', account.role, 'to', p_role));
    RETURN 'changed';
END
$$;
REVOKE ALL ON FUNCTION set_role(uuid, app_role) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION set_role(uuid, app_role) TO vpflow_user;

-- Enabling a disabled account; a Vice President's is a request.
CREATE FUNCTION enable_user(p_user uuid) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    account users%ROWTYPE;
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'only the administrator enables accounts' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO account FROM users WHERE id = p_user FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'not_found';
    END IF;
    IF account.is_active THEN
        RETURN 'unchanged';
    END IF;
    IF account.role = 'vp' THEN
        PERFORM file_account_request('activate', p_user, NULL, NULL, NULL);
        RETURN 'requested';
    END IF;
    UPDATE users SET is_active = true, failed_logins = 0, locked_until = NULL WHERE id = p_user;
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('user_enabled', 'user', p_user, jsonb_build_object('username', account.username));
    RETURN 'changed';
END
$$;
REVOKE ALL ON FUNCTION enable_user(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION enable_user(uuid) TO vpflow_user;

-- Files a request (the administrator); audited. A second pending request for the same account
-- and kind is refused (23505).
CREATE FUNCTION file_account_request(p_kind text, p_user uuid, p_role app_role, p_password text, p_note text)
    RETURNS uuid
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    account users%ROWTYPE;
    filed uuid;
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'only the administrator files account requests' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO account FROM users WHERE id = p_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such account' USING ERRCODE = 'no_data_found';
    END IF;
    INSERT INTO account_requests (kind, user_id, new_role, password_hash, note, requested_by)
    VALUES (p_kind, p_user, p_role,
            CASE WHEN p_kind = 'password_reset' THEN hash_password(p_password, account.username) END,
            p_note, current_user_id())
    RETURNING id INTO filed;
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('account_request_filed', 'user', p_user,
            jsonb_strip_nulls(jsonb_build_object('username', account.username, 'request', filed, 'kind', p_kind,
                                                 'role', p_role)));
    RETURN filed;
END
$$;
REVOKE ALL ON FUNCTION file_account_request(text, uuid, app_role, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION file_account_request(text, uuid, app_role, text, text) TO vpflow_user;

-- The Vice President's decision, signed in as themselves; an approval carries the change out in
-- the same transaction. Returns the new status.
CREATE FUNCTION decide_account_request(p_request uuid, p_approve boolean, p_reason text) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    actor record;
    r account_requests%ROWTYPE;
    account users%ROWTYPE;
BEGIN
    SELECT * INTO actor FROM acting_identity();
    IF actor.role IS DISTINCT FROM 'vp' OR actor.user_id IS NULL OR actor.kind NOT IN ('session', 'basic', 'api') THEN
        RAISE EXCEPTION 'only a Vice President, signed in, decides account requests'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_reason IS NULL OR char_length(btrim(p_reason)) NOT BETWEEN 1 AND 500 THEN
        RAISE EXCEPTION 'a decision needs a reason (up to 500 characters)' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO r FROM account_requests WHERE id = p_request FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such request' USING ERRCODE = 'no_data_found';
    END IF;
    IF r.status <> 'pending' THEN
        RAISE EXCEPTION 'this request was decided already' USING ERRCODE = 'VPF20';
    END IF;
    IF r.requested_by IS NOT DISTINCT FROM actor.user_id OR r.user_id = actor.user_id THEN
        RAISE EXCEPTION 'a request about or by yourself is decided by another Vice President'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE account_requests
    SET status = CASE WHEN p_approve THEN 'approved' ELSE 'rejected' END,
        decided_by = actor.user_id, decided_at = now(), decision_reason = btrim(p_reason)
    WHERE id = p_request;
    SELECT * INTO account FROM users WHERE id = r.user_id FOR UPDATE;
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES (CASE WHEN p_approve THEN 'account_request_approved' ELSE 'account_request_rejected' END,
            'user', r.user_id,
            jsonb_strip_nulls(jsonb_build_object('username', account.username, 'request', r.id, 'kind', r.kind,
                                                 'role', r.new_role, 'reason', btrim(p_reason))));
    IF NOT p_approve THEN
        RETURN 'rejected';
    END IF;
    IF r.kind = 'activate' THEN
        UPDATE users SET is_active = true, failed_logins = 0, locked_until = NULL WHERE id = r.user_id;
        INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
        VALUES ('user_enabled', 'user', r.user_id, jsonb_build_object('username', account.username, 'request', r.id));
    ELSIF r.kind = 'role_change' THEN
        UPDATE users SET role = r.new_role WHERE id = r.user_id;
        INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
        VALUES ('user_role_changed', 'user', r.user_id,
                jsonb_build_object('username', account.username, 'from', account.role, 'to', r.new_role,
                                   'request', r.id));
    ELSE
        UPDATE users SET password_hash = r.password_hash, failed_logins = 0, locked_until = NULL WHERE id = r.user_id;
        INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
        VALUES ('user_password_changed', 'user', r.user_id,
                jsonb_build_object('username', account.username, 'request', r.id));
    END IF;
    RETURN 'approved';
END
$$;
REVOKE ALL ON FUNCTION decide_account_request(uuid, boolean, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION decide_account_request(uuid, boolean, text) TO vpflow_user;

-- The requests, for the Vice President and the administrator (never the stored hash).
CREATE FUNCTION account_requests_list(p_pending_only boolean)
    RETURNS TABLE (id uuid, kind text, user_id uuid, username text, display_name text, account_role app_role,
                   new_role app_role, note text, requested_by uuid, requested_by_name text,
                   requested_at timestamptz, status text, decided_by uuid, decided_by_name text,
                   decided_at timestamptz, decision_reason text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF current_app_role() NOT IN ('vp', 'admin') THEN
        RAISE EXCEPTION 'account requests are for the Vice President and the administrator'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
        SELECT r.id, r.kind, r.user_id, u.username, u.display_name, u.role, r.new_role, r.note,
               r.requested_by, q.username, r.requested_at, r.status, r.decided_by, d.username,
               r.decided_at, r.decision_reason
        FROM account_requests r
        JOIN users u ON u.id = r.user_id
        LEFT JOIN users q ON q.id = r.requested_by
        LEFT JOIN users d ON d.id = r.decided_by
        WHERE NOT p_pending_only OR r.status = 'pending'
        ORDER BY r.requested_at DESC
        LIMIT 500;
END
$$;
REVOKE ALL ON FUNCTION account_requests_list(boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_requests_list(boolean) TO vpflow_user;
