-- Why: a password alone is one secret an insider may learn. Accounts of the Vice President and
-- the administrator need a second factor when the office requires it (VPFLOW_REQUIRE_SECOND_FACTOR,
-- on by default): a one-time code app (TOTP, RFC 6238, computed here with pgcrypto's HMAC), set up
-- at the first sign-in, with ten recovery codes shown once. Any user may set one up. After the
-- password, the session proves nobody (token_identity() ignores it) until the code does; HTTP
-- Basic is refused for such accounts: scripts use their tokens. The secret never leaves the
-- database except once, to be shown for setting up the app.

INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('second_factor_enrolled', '1.0', 'a one-time code app was set up for an account'),
    ('recovery_code_used', '1.0', 'a recovery code stood in for the second factor')
ON CONFLICT (code) DO NOTHING;

ALTER TABLE login_settings ADD COLUMN require_second_factor boolean NOT NULL DEFAULT true;
ALTER TABLE access_tokens ADD COLUMN pending_second_factor boolean NOT NULL DEFAULT false;

CREATE TABLE second_factors (
    user_id      uuid        NOT NULL,
    secret       bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    confirmed_at timestamptz,
    last_step    bigint      NOT NULL DEFAULT 0,
    CONSTRAINT second_factors_pkey PRIMARY KEY (user_id),
    CONSTRAINT second_factors_user_fkey FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT second_factors_secret_length CHECK (octet_length(secret) = 20)
);
SELECT secure_table('second_factors');

CREATE TABLE recovery_codes (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id    uuid        NOT NULL,
    code_hash  bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    used_at    timestamptz,
    CONSTRAINT recovery_codes_pkey PRIMARY KEY (id),
    CONSTRAINT recovery_codes_user_fkey FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);
SELECT secure_table('recovery_codes');
-- no role reads or writes these tables: the functions below are the only way in

-- The code of a TOTP secret for a time step (RFC 6238 with SHA-1, 6 digits: RFC 4226's dynamic
-- truncation of HMAC-SHA-1 over the step as 8 bytes, big-endian).
CREATE FUNCTION totp(p_secret bytea, p_step bigint) RETURNS text
    LANGUAGE plpgsql IMMUTABLE SET search_path = vpflow, pg_temp
AS $$
DECLARE
    h bytea := vpflow.hmac(int8send(p_step), p_secret, 'sha1');
    o integer := get_byte(h, 19) & 15;
BEGIN
    RETURN lpad(((((get_byte(h, o) & 127)::bigint << 24) | (get_byte(h, o + 1) << 16)
                  | (get_byte(h, o + 2) << 8) | get_byte(h, o + 3)) % 1000000)::text, 6, '0');
END
$$;
REVOKE ALL ON FUNCTION totp(bytea, bigint) FROM PUBLIC;

-- The RLS matrix check signs its probe accounts in with their passwords, presenting the check's
-- own operator token (only the owner issues it, V1_0_64): those accounts alone need no second
-- factor for it.
CREATE FUNCTION acting_for_rls_check(p_username text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT p_username LIKE 'rls-check-%' AND EXISTS (
        SELECT FROM acting_identity() i JOIN access_tokens t ON t.id = i.token_id
        WHERE i.kind = 'operator' AND t.name = 'rls-check')
$$;
REVOKE ALL ON FUNCTION acting_for_rls_check(text) FROM PUBLIC;

-- Whether signing in as this account takes a second factor.
CREATE FUNCTION needs_second_factor(account users) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT EXISTS (SELECT FROM second_factors f WHERE f.user_id = account.id AND f.confirmed_at IS NOT NULL)
        OR (account.role IN ('vp', 'admin')
            AND (SELECT l.require_second_factor FROM login_settings l WHERE l.singleton))
$$;
REVOKE ALL ON FUNCTION needs_second_factor(users) FROM PUBLIC;

CREATE OR REPLACE FUNCTION token_identity(presented text)
    RETURNS TABLE (user_id uuid, role text, kind text, token_id uuid, username text, display_name text,
                   user_role text, last_used_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT t.user_id,
           CASE WHEN t.kind = 'feed' THEN 'feed' ELSE coalesce(u.role::text, t.operator_role::text) END,
           t.kind, t.id, u.username, u.display_name, coalesce(u.role::text, t.operator_role::text), t.last_used_at
    FROM access_tokens t LEFT JOIN users u ON u.id = t.user_id
    WHERE presented IS NOT NULL AND presented <> ''
      AND t.token_hash = sha256(convert_to(presented, 'UTF8'))
      AND t.revoked_at IS NULL
      AND NOT t.pending_second_factor
      AND (t.expires_at IS NULL OR t.expires_at > statement_timestamp())
      AND (t.idle_seconds IS NULL
           OR t.last_used_at > statement_timestamp() - make_interval(secs => t.idle_seconds))
      AND (t.kind = 'operator'
           OR (u.is_active AND (u.locked_until IS NULL OR u.locked_until <= statement_timestamp())));
END
$$;

CREATE OR REPLACE FUNCTION login_password(p_username text, p_password text, p_kind text, p_channel text)
    RETURNS TABLE (token text, user_id uuid, username text, display_name text, role text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    s        login_settings%ROWTYPE;
    account  users%ROWTYPE;
    matches  boolean;
    refusal  text;
    issued   record;
    attempted text := left(btrim(coalesce(p_username, '')), 64);
    channel  text := CASE WHEN p_channel ~ '^[a-z]{1,16}$' THEN p_channel ELSE 'other' END;
BEGIN
    IF p_kind IS NULL OR p_kind NOT IN ('session', 'basic') THEN
        RAISE EXCEPTION 'a password signs in a session or a single request, not %', p_kind USING ERRCODE = '22023';
    END IF;
    SELECT * INTO s FROM login_settings WHERE singleton;
    SELECT * INTO account FROM users u WHERE lower(u.username) = lower(attempted);
    IF NOT FOUND THEN
        -- a miss costs as long as a hit
        PERFORM vpflow.crypt(left(coalesce(p_password, ''), 1000), vpflow.gen_salt('bf', s.bcrypt_cost));
        PERFORM audit_as(NULL, 'login_failed', NULL,
            jsonb_build_object('username', attempted, 'reason', 'unknown_user', 'channel', channel));
        RETURN;
    END IF;
    matches := password_matches(p_password, account.password_hash);
    refusal := CASE
        WHEN NOT account.is_active THEN 'disabled'
        WHEN account.locked_until > statement_timestamp() THEN 'throttled'
        WHEN NOT matches THEN 'wrong_password'
        -- an account with a second factor signs in on the page; scripts use its tokens
        WHEN p_kind = 'basic' AND needs_second_factor(account) AND NOT acting_for_rls_check(account.username)
            THEN 'second_factor_required'
    END;
    IF refusal IS NOT NULL THEN
        IF refusal = 'wrong_password' THEN
            UPDATE users u SET
                failed_logins = u.failed_logins + 1,
                locked_until = CASE WHEN u.failed_logins + 1 >= s.max_failures
                    THEN now() + make_interval(secs => least(s.max_lock_seconds,
                             s.first_lock_seconds * power(2, least(u.failed_logins + 1 - s.max_failures, 20))))
                    ELSE u.locked_until END
            WHERE u.id = account.id;
        END IF;
        PERFORM audit_as(NULL, 'login_failed', account.id,
            jsonb_build_object('username', attempted, 'reason', refusal, 'channel', channel));
        RETURN;
    END IF;
    UPDATE users u SET failed_logins = 0, locked_until = NULL, last_login_at = now()
    WHERE u.id = account.id
      AND (u.failed_logins <> 0 OR u.locked_until IS NOT NULL OR u.last_login_at IS NULL
           OR u.last_login_at < now() - interval '1 minute');
    -- the account's dead tokens go now, so that they never pile up
    DELETE FROM access_tokens t
    WHERE t.user_id = account.id AND t.kind IN ('session', 'basic')
      AND (t.revoked_at < now() - interval '1 day' OR t.expires_at < now() - interval '1 day'
           OR t.last_used_at < now() - interval '1 day' - make_interval(secs => coalesce(t.idle_seconds, 0)));
    IF p_kind = 'session' AND needs_second_factor(account) THEN
        -- the password was right; the session proves nobody until the second factor does
        SELECT * INTO issued FROM new_token('session', account.id, NULL, NULL,
            now() + interval '10 minutes', NULL);
        UPDATE access_tokens t SET pending_second_factor = true WHERE t.id = issued.id;
    ELSIF p_kind = 'session' THEN
        SELECT * INTO issued FROM new_token('session', account.id, NULL, NULL,
            now() + make_interval(secs => s.session_max_seconds), s.session_idle_seconds);
        PERFORM audit_as(issued.token, 'login_succeeded', account.id, jsonb_build_object('channel', channel));
    ELSE
        SELECT * INTO issued FROM new_token('basic', account.id, NULL, NULL, now() + interval '10 minutes', NULL);
    END IF;
    RETURN QUERY SELECT issued.token, account.id, account.username, account.display_name, account.role::text;
END
$$;

-- A session waiting for its second factor: 'code' (enter the app's code or a recovery code) or
-- 'enroll' (set up the app first: the secret is given, hex, for showing once more); 'none' for
-- a token that waits for nothing (or is not one).
CREATE FUNCTION second_factor_state(p_token text) RETURNS TABLE (state text, username text, secret text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    t access_tokens%ROWTYPE;
    account users%ROWTYPE;
    f second_factors%ROWTYPE;
BEGIN
    SELECT * INTO t FROM access_tokens a
    WHERE a.token_hash = sha256(convert_to(coalesce(p_token, ''), 'UTF8')) AND a.pending_second_factor
      AND a.revoked_at IS NULL AND a.expires_at > now();
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'none'::text, NULL::text, NULL::text;
        RETURN;
    END IF;
    SELECT * INTO account FROM users u WHERE u.id = t.user_id;
    SELECT * INTO f FROM second_factors s WHERE s.user_id = account.id;
    IF FOUND AND f.confirmed_at IS NOT NULL THEN
        RETURN QUERY SELECT 'code'::text, account.username, NULL::text;
        RETURN;
    END IF;
    IF NOT FOUND THEN
        INSERT INTO second_factors (user_id, secret) VALUES (account.id, vpflow.gen_random_bytes(20))
        RETURNING * INTO f;
    END IF;
    RETURN QUERY SELECT 'enroll'::text, account.username, encode(f.secret, 'hex');
END
$$;
REVOKE ALL ON FUNCTION second_factor_state(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION second_factor_state(text) TO vpflow_user;

-- The second factor of a waiting session: the app's code for this 30-second step or the one
-- before or after (each step once), or an unused recovery code. Right: the session proves its
-- user from now on (audited as the sign-in); when the app was being set up, it is now, and ten
-- recovery codes are returned, this once. Wrong: counted like a wrong password, towards the lock.
CREATE FUNCTION second_factor_verify(p_token text, p_code text)
    RETURNS TABLE (result text, recovery_codes text[])
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    s login_settings%ROWTYPE;
    t access_tokens%ROWTYPE;
    account users%ROWTYPE;
    f second_factors%ROWTYPE;
    now_step bigint := floor(extract(epoch FROM statement_timestamp()) / 30)::bigint;
    code text := regexp_replace(coalesce(p_code, ''), '[^0-9A-Za-z]', '', 'g');
    matched bigint;
    recovery uuid;
    codes text[];
    plain text;
BEGIN
    SELECT * INTO s FROM login_settings WHERE singleton;
    SELECT * INTO t FROM access_tokens a
    WHERE a.token_hash = sha256(convert_to(coalesce(p_token, ''), 'UTF8')) AND a.pending_second_factor
      AND a.revoked_at IS NULL AND a.expires_at > now()
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'expired'::text, NULL::text[];
        RETURN;
    END IF;
    SELECT * INTO account FROM users u WHERE u.id = t.user_id FOR UPDATE;
    SELECT * INTO f FROM second_factors sf WHERE sf.user_id = account.id FOR UPDATE;
    IF NOT account.is_active OR account.locked_until > statement_timestamp() OR f.user_id IS NULL THEN
        PERFORM audit_as(NULL, 'login_failed', account.id,
            jsonb_build_object('username', account.username, 'reason',
                CASE WHEN NOT account.is_active THEN 'disabled' ELSE 'throttled' END, 'channel', 'web'));
        RETURN QUERY SELECT 'refused'::text, NULL::text[];
        RETURN;
    END IF;
    SELECT st INTO matched FROM generate_series(now_step - 1, now_step + 1) st
    WHERE st > f.last_step AND totp(f.secret, st) = code
    ORDER BY st DESC LIMIT 1;
    IF matched IS NULL AND f.confirmed_at IS NOT NULL AND length(code) = 10 THEN
        UPDATE recovery_codes r SET used_at = now()
        WHERE r.id = (SELECT r2.id FROM recovery_codes r2 WHERE r2.user_id = account.id AND r2.used_at IS NULL
                        AND r2.code_hash = sha256(convert_to(lower(code), 'UTF8')) LIMIT 1)
        RETURNING r.id INTO recovery;
    END IF;
    IF matched IS NULL AND recovery IS NULL THEN
        PERFORM audit_as(NULL, 'login_failed', account.id,
            jsonb_build_object('username', account.username, 'reason', 'wrong_code', 'channel', 'web'));
        UPDATE users u SET
            failed_logins = u.failed_logins + 1,
            locked_until = CASE WHEN u.failed_logins + 1 >= s.max_failures
                THEN now() + make_interval(secs => least(s.max_lock_seconds,
                         s.first_lock_seconds * power(2, least(u.failed_logins + 1 - s.max_failures, 20))))
                ELSE u.locked_until END
        WHERE u.id = account.id;
        RETURN QUERY SELECT 'refused'::text, NULL::text[];
        RETURN;
    END IF;
    IF matched IS NOT NULL THEN
        UPDATE second_factors sf SET last_step = matched WHERE sf.user_id = account.id;
    END IF;
    IF f.confirmed_at IS NULL THEN
        UPDATE second_factors sf SET confirmed_at = now() WHERE sf.user_id = account.id;
        codes := ARRAY[]::text[];
        FOR i IN 1..10 LOOP
            plain := lower(substr(translate(encode(vpflow.gen_random_bytes(10), 'base64'), '+/=', 'xyz'), 1, 10));
            INSERT INTO recovery_codes (user_id, code_hash) VALUES (account.id, sha256(convert_to(plain, 'UTF8')));
            codes := codes || plain;
        END LOOP;
        PERFORM audit_as(NULL, 'second_factor_enrolled', account.id,
            jsonb_build_object('username', account.username, 'method', 'totp'));
    END IF;
    IF recovery IS NOT NULL THEN
        PERFORM audit_as(NULL, 'recovery_code_used', account.id,
            jsonb_build_object('username', account.username,
                               'left', (SELECT count(*) FROM recovery_codes r WHERE r.user_id = account.id
                                          AND r.used_at IS NULL)));
    END IF;
    UPDATE access_tokens a SET pending_second_factor = false,
        expires_at = now() + make_interval(secs => s.session_max_seconds), idle_seconds = s.session_idle_seconds,
        last_used_at = now()
    WHERE a.id = t.id;
    UPDATE users u SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE u.id = account.id;
    PERFORM audit_as(p_token, 'login_succeeded', account.id,
        jsonb_build_object('channel', 'web', 'second_factor', CASE WHEN recovery IS NULL THEN 'totp' ELSE 'recovery_code' END));
    RETURN QUERY SELECT 'signed_in'::text, codes;
END
$$;
REVOKE ALL ON FUNCTION second_factor_verify(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION second_factor_verify(text, text) TO vpflow_user;

-- A lost phone: the administrator resets an account's second factor (the app is set up again at
-- the next sign-in; unused recovery codes stop working). A Vice President's is a four-eyes request
-- (V1_0_64), carried out when another Vice President approves it.
INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('second_factor_reset', '1.0', 'an account''s second factor was reset: it is set up again at the next sign-in')
ON CONFLICT (code) DO NOTHING;

ALTER TABLE account_requests DROP CONSTRAINT account_requests_kind;
ALTER TABLE account_requests ADD CONSTRAINT account_requests_kind
    CHECK (kind IN ('activate', 'role_change', 'password_reset', 'second_factor_reset'));

CREATE FUNCTION apply_second_factor_reset(p_user uuid, p_request uuid) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    UPDATE second_factors f SET confirmed_at = NULL, secret = vpflow.gen_random_bytes(20), last_step = 0
    WHERE f.user_id = p_user;
    UPDATE recovery_codes r SET used_at = now() WHERE r.user_id = p_user AND r.used_at IS NULL;
    -- whoever holds a session of the account now signs in again, with the new setup
    UPDATE access_tokens t SET revoked_at = now()
    WHERE t.user_id = p_user AND t.kind = 'session' AND t.revoked_at IS NULL;
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('second_factor_reset', 'user', p_user,
            jsonb_strip_nulls(jsonb_build_object('username', (SELECT u.username FROM users u WHERE u.id = p_user),
                                                 'request', p_request)));
END
$$;
REVOKE ALL ON FUNCTION apply_second_factor_reset(uuid, uuid) FROM PUBLIC;

-- changed, requested or not_found
CREATE FUNCTION reset_second_factor(p_user uuid) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    account users%ROWTYPE;
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'only the administrator resets a second factor' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO account FROM users WHERE id = p_user FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'not_found';
    END IF;
    IF account.role = 'vp' THEN
        PERFORM file_account_request('second_factor_reset', p_user, NULL, NULL, NULL);
        RETURN 'requested';
    END IF;
    PERFORM apply_second_factor_reset(p_user, NULL);
    RETURN 'changed';
END
$$;
REVOKE ALL ON FUNCTION reset_second_factor(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION reset_second_factor(uuid) TO vpflow_user;

-- An approved request to reset a Vice President's second factor is carried out at once.
CREATE FUNCTION account_requests_second_factor() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF NEW.kind = 'second_factor_reset' AND NEW.status = 'approved' AND OLD.status = 'pending' THEN
        PERFORM apply_second_factor_reset(NEW.user_id, NEW.id);
        NEW.applied_at := now();
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION account_requests_second_factor() FROM PUBLIC;
CREATE TRIGGER account_requests_second_factor BEFORE UPDATE OF status ON account_requests
    FOR EACH ROW EXECUTE FUNCTION account_requests_second_factor();
