-- Why: nobody knows another's password. The administrator makes an account, or resets one, and
-- gets a one-time activation link to hand over (single use, 72 hours, kept here only as its
-- SHA-256); the person chooses their own password on it. The administrator's database identity
-- can no longer set or choose a password: create_user() with a password and set_password() are
-- the operator's alone (the command line on the server, whose tokens only the owner issues).
-- A Vice President's reset stays a four-eyes request (V1_0_64): the link works once another Vice
-- President approved it. Users change their own password with the current one.

INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('activation_link_issued', '1.0', 'a one-time activation link was made for an account'),
    ('account_activated', '1.0', 'a person chose their password with an activation link')
ON CONFLICT (code) DO NOTHING;

CREATE TABLE account_activations (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id     uuid        NOT NULL,
    token_hash  bytea       NOT NULL,
    purpose     text        NOT NULL,
    created_by  uuid,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    request_id  uuid,
    CONSTRAINT account_activations_pkey PRIMARY KEY (id),
    CONSTRAINT account_activations_request_fkey FOREIGN KEY (request_id) REFERENCES account_requests (id),
    CONSTRAINT account_activations_token_key UNIQUE (token_hash),
    CONSTRAINT account_activations_user_fkey FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT account_activations_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT account_activations_purpose CHECK (purpose IN ('new', 'reset'))
);
CREATE INDEX account_activations_user_idx ON account_activations (user_id);
SELECT secure_table('account_activations');
-- no role reads or writes the table itself: the functions below are the only way in

-- A Vice President's reset request carries no password any more: the link sets it.
ALTER TABLE account_requests DROP CONSTRAINT account_requests_what;
ALTER TABLE account_requests ADD CONSTRAINT account_requests_what CHECK (CASE kind
    WHEN 'role_change' THEN new_role IS NOT NULL AND password_hash IS NULL
    WHEN 'password_reset' THEN new_role IS NULL
    ELSE new_role IS NULL AND password_hash IS NULL END);

-- An account made without a password has this instead of a hash: no password matches it
-- (password_matches() wants '{bcrypt}$2...').
CREATE FUNCTION no_password() RETURNS text
    LANGUAGE sql IMMUTABLE
AS $$ SELECT '{none}'::text $$;

CREATE OR REPLACE FUNCTION file_account_request(p_kind text, p_user uuid, p_role app_role, p_password text, p_note text)
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
            CASE WHEN p_kind = 'password_reset' AND p_password IS NOT NULL
                 THEN hash_password(p_password, account.username) END,
            p_note, current_user_id())
    RETURNING id INTO filed;
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('account_request_filed', 'user', p_user,
            jsonb_strip_nulls(jsonb_build_object('username', account.username, 'request', filed, 'kind', p_kind,
                                                 'role', p_role)));
    RETURN filed;
END
$$;

-- An approved reset without a password is used up by the link; with one (the operator's), it
-- sets it.
CREATE OR REPLACE FUNCTION decide_account_request(p_request uuid, p_approve boolean, p_reason text) RETURNS text
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
        -- a rejected reset's link stops working
        UPDATE account_activations SET revoked_at = now()
        WHERE r.kind = 'password_reset' AND user_id = r.user_id AND purpose = 'reset'
          AND used_at IS NULL AND revoked_at IS NULL;
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
    ELSIF r.password_hash IS NOT NULL THEN
        UPDATE users SET password_hash = r.password_hash, failed_logins = 0, locked_until = NULL WHERE id = r.user_id;
        INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
        VALUES ('user_password_changed', 'user', r.user_id,
                jsonb_build_object('username', account.username, 'request', r.id));
    END IF;
    RETURN 'approved';
END
$$;

-- The first password of an account made without one is the person's own (its link); any other
-- new password of a Vice President set by someone else needs the approval, as before.
CREATE OR REPLACE FUNCTION users_four_eyes() RETURNS trigger
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
       AND OLD.password_hash <> no_password() AND actor.user_id IS DISTINCT FROM NEW.id
       -- a reset link whose own approved request use_activation() used up in this transaction
       AND NOT EXISTS (SELECT FROM account_activations a JOIN account_requests r ON r.id = a.request_id
                       WHERE a.user_id = NEW.id AND a.used_at = now() AND r.status = 'approved'
                         AND r.applied_at = now()) THEN
        PERFORM use_account_approval(NEW.id, 'password_reset', NULL);
    END IF;
    RETURN NEW;
END
$$;

-- The administrator makes accounts without a password; a password here is the operator's.
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
    IF p_password IS NOT NULL AND (SELECT kind FROM acting_identity()) IS DISTINCT FROM 'operator' THEN
        RAISE EXCEPTION 'the administrator does not choose passwords: the person chooses theirs with an activation link'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    first_vp := p_role = 'vp' AND operator_may_add_active_vp(p_username);
    INSERT INTO users (username, display_name, role, password_hash, is_active)
    VALUES (p_username, p_display_name, p_role,
            CASE WHEN p_password IS NULL THEN no_password() ELSE hash_password(p_password, p_username) END,
            p_role <> 'vp' OR first_vp)
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
    IF current_app_role() <> 'admin' OR (SELECT kind FROM acting_identity()) IS DISTINCT FROM 'operator' THEN
        RAISE EXCEPTION 'only the operator on the server sets a password; others use an activation link'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT username, role INTO name, account_role FROM users WHERE id = p_user;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    IF account_role = 'vp' THEN
        PERFORM file_account_request('password_reset', p_user, NULL, p_password, NULL);
        RETURN true;
    END IF;
    UPDATE users SET password_hash = hash_password(p_password, name), failed_logins = 0, locked_until = NULL
    WHERE id = p_user;
    RETURN true;
END
$$;

-- The administrator's link for a new account or a reset: the secret is returned once and kept
-- here as its SHA-256; earlier unused links of the account stop working. A link for a new account
-- is for an account that has no password yet (and, for a Vice President, is not active yet);
-- anything else is a reset. A Vice President's reset is a request of its own, tied to the link:
-- the link works once that request is approved, and approvals not used before are void.
CREATE FUNCTION issue_activation(p_user uuid, p_purpose text)
    RETURNS TABLE (token text, expires_at timestamptz, request uuid)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    account users%ROWTYPE;
    secret text := 'vpfl_' || rtrim(translate(encode(vpflow.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
    until timestamptz := now() + interval '72 hours';
    filed uuid;
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'only the administrator makes activation links' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_purpose NOT IN ('new', 'reset') THEN
        RAISE EXCEPTION 'an activation link is for a new account or a reset' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO account FROM users WHERE id = p_user FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such account' USING ERRCODE = 'no_data_found';
    END IF;
    IF p_purpose = 'new' AND (account.password_hash <> no_password() OR (account.role = 'vp' AND account.is_active)) THEN
        RAISE EXCEPTION 'this account needs a reset link, not a link for a new account'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_purpose = 'reset' AND account.role = 'vp' THEN
        UPDATE account_requests r SET applied_at = now()
        WHERE r.user_id = p_user AND r.kind = 'password_reset' AND r.status = 'approved' AND r.applied_at IS NULL;
        SELECT r.id INTO filed FROM account_requests r
        WHERE r.user_id = p_user AND r.kind = 'password_reset' AND r.status = 'pending';
        IF filed IS NULL THEN
            filed := file_account_request('password_reset', p_user, NULL, NULL, 'activation link');
        END IF;
    END IF;
    UPDATE account_activations a SET revoked_at = now()
    WHERE a.user_id = p_user AND a.used_at IS NULL AND a.revoked_at IS NULL;
    INSERT INTO account_activations (user_id, token_hash, purpose, created_by, expires_at, request_id)
    VALUES (p_user, sha256(convert_to(secret, 'UTF8')), p_purpose, current_user_id(), until, filed);
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('activation_link_issued', 'user', p_user,
            jsonb_strip_nulls(jsonb_build_object('username', account.username, 'purpose', p_purpose,
                                                 'expires_at', until, 'request', filed)));
    RETURN QUERY SELECT secret, until, filed;
END
$$;
REVOKE ALL ON FUNCTION issue_activation(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION issue_activation(uuid, text) TO vpflow_user;

-- What the page of a link shows before anyone signs in: whose it is, and whether it still works
-- (valid, used, expired, awaiting_approval or unknown). Nothing for a link that is not one.
CREATE FUNCTION activation_state(p_token text)
    RETURNS TABLE (username text, display_name text, state text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    a account_activations%ROWTYPE;
    account users%ROWTYPE;
BEGIN
    SELECT * INTO a FROM account_activations
    WHERE token_hash = sha256(convert_to(coalesce(p_token, ''), 'UTF8'));
    IF NOT FOUND THEN
        RETURN QUERY SELECT NULL::text, NULL::text, 'unknown'::text;
        RETURN;
    END IF;
    SELECT * INTO account FROM users WHERE id = a.user_id;
    RETURN QUERY SELECT account.username, account.display_name,
        CASE
            WHEN a.used_at IS NOT NULL OR a.revoked_at IS NOT NULL THEN 'used'
            WHEN a.expires_at <= statement_timestamp() THEN 'expired'
            WHEN a.request_id IS NOT NULL AND NOT EXISTS (
                SELECT FROM account_requests r WHERE r.id = a.request_id
                  AND r.status = 'approved' AND r.applied_at IS NULL) THEN 'awaiting_approval'
            WHEN a.request_id IS NULL AND account.role = 'vp' AND account.password_hash <> no_password()
                THEN 'awaiting_approval'
            ELSE 'valid'
        END;
END
$$;
REVOKE ALL ON FUNCTION activation_state(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION activation_state(text) TO vpflow_user;

-- The person chooses their password with the link: once, within 72 hours. Returns the state as
-- activation_state() does; 'activated' when the password is set. The application checks the
-- password's strength first; this keeps the floor.
CREATE FUNCTION use_activation(p_token text, p_password text) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    a account_activations%ROWTYPE;
    account users%ROWTYPE;
    state text;
BEGIN
    SELECT * INTO a FROM account_activations
    WHERE token_hash = sha256(convert_to(coalesce(p_token, ''), 'UTF8')) FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'unknown';
    END IF;
    SELECT s.state INTO state FROM activation_state(p_token) s;
    IF state <> 'valid' THEN
        RETURN state;
    END IF;
    IF p_password IS NULL OR char_length(p_password) < 12 OR char_length(p_password) > 1000 THEN
        RAISE EXCEPTION 'a password has 12 to 1000 characters' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO account FROM users WHERE id = a.user_id FOR UPDATE;
    UPDATE account_activations SET used_at = now() WHERE id = a.id;
    -- the link's own approved request is used up with it (users_four_eyes() sees both)
    UPDATE account_requests SET applied_at = now() WHERE id = a.request_id;
    -- a new password lifts any lock and ends every session and token (users_end_tokens)
    UPDATE users SET password_hash = hash_password(p_password, account.username), failed_logins = 0,
                     locked_until = NULL
    WHERE id = a.user_id;
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('account_activated', 'user', a.user_id,
            jsonb_build_object('username', account.username, 'purpose', a.purpose));
    RETURN 'activated';
END
$$;
REVOKE ALL ON FUNCTION use_activation(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION use_activation(text, text) TO vpflow_user;

-- A signed-in user changes their own password with the current one. Returns false when the
-- current one is wrong (nothing changes).
CREATE FUNCTION change_own_password(p_current text, p_new text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    actor record;
    account users%ROWTYPE;
    s login_settings%ROWTYPE;
BEGIN
    SELECT * INTO actor FROM acting_identity();
    IF actor.user_id IS NULL OR actor.kind NOT IN ('session', 'basic') THEN
        RAISE EXCEPTION 'a password is changed signed in with it' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO account FROM users WHERE id = actor.user_id FOR UPDATE;
    IF NOT password_matches(p_current, account.password_hash) THEN
        -- a wrong current password counts as a failed sign-in (and locks the same way), so a
        -- stolen session is no oracle for guessing it; the caller must commit this
        -- (audited first: a lock ends the acting session, and nothing after it would be the account's)
        SELECT * INTO s FROM login_settings WHERE singleton;
        INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
        VALUES ('login_failed', 'user', account.id,
                jsonb_build_object('username', account.username, 'reason', 'wrong_current_password',
                                   'channel', 'account'));
        UPDATE users u SET
            failed_logins = u.failed_logins + 1,
            locked_until = CASE WHEN u.failed_logins + 1 >= s.max_failures
                THEN now() + make_interval(secs => least(s.max_lock_seconds,
                         s.first_lock_seconds * power(2, least(u.failed_logins + 1 - s.max_failures, 20))))
                ELSE u.locked_until END
        WHERE u.id = account.id;
        RETURN false;
    END IF;
    IF p_new IS NULL OR char_length(p_new) < 12 OR char_length(p_new) > 1000 THEN
        RAISE EXCEPTION 'a password has 12 to 1000 characters' USING ERRCODE = 'check_violation';
    END IF;
    -- audited first: the new password ends every token of the account, the one acting included,
    -- and nothing after it in this transaction would be recognised as the account's
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('user_password_changed', 'user', account.id,
            jsonb_build_object('username', account.username, 'by', 'owner'));
    UPDATE users SET password_hash = hash_password(p_new, account.username) WHERE id = account.id;
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION change_own_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION change_own_password(text, text) TO vpflow_user;

-- The account page: one's own sessions (which one is this), ending one, and one's recent sign-ins,
-- refused ones included, whatever else one's role may read of the audit log.
CREATE FUNCTION list_own_sessions()
    RETURNS TABLE (id uuid, created_at timestamptz, last_used_at timestamptz, expires_at timestamptz,
                   current boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind = 'feed' THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT t.id, t.created_at, t.last_used_at, t.expires_at, t.id = me.token_id
        FROM access_tokens t
        WHERE t.user_id = me.user_id AND t.kind = 'session' AND t.revoked_at IS NULL
          AND (t.expires_at IS NULL OR t.expires_at > now())
          AND (t.idle_seconds IS NULL OR t.last_used_at > now() - make_interval(secs => t.idle_seconds))
        ORDER BY t.last_used_at DESC NULLS LAST, t.id;
END
$$;
REVOKE ALL ON FUNCTION list_own_sessions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION list_own_sessions() TO vpflow_user;

CREATE FUNCTION end_own_session(p_id uuid) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind = 'feed' THEN
        RETURN false;
    END IF;
    UPDATE access_tokens t SET revoked_at = now()
    WHERE t.id = p_id AND t.user_id = me.user_id AND t.kind = 'session' AND t.revoked_at IS NULL;
    RETURN FOUND;
END
$$;
REVOKE ALL ON FUNCTION end_own_session(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION end_own_session(uuid) TO vpflow_user;

CREATE FUNCTION own_sign_ins(p_limit integer)
    RETURNS TABLE (occurred_at timestamptz, succeeded boolean, channel text, reason text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind = 'feed' THEN
        RETURN;
    END IF;
    RETURN QUERY
        SELECT a.occurred_at, a.event_type = 'login_succeeded', a.details->>'channel', a.details->>'reason'
        FROM audit_logs a
        WHERE a.entity_type = 'user' AND a.entity_id = me.user_id
          AND a.event_type IN ('login_succeeded', 'login_failed')
        ORDER BY a.seq DESC
        LIMIT least(greatest(coalesce(p_limit, 20), 1), 100);
END
$$;
REVOKE ALL ON FUNCTION own_sign_ins(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION own_sign_ins(integer) TO vpflow_user;
