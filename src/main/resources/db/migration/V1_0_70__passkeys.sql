-- Why: a passkey (WebAuthn) is the second factor that cannot be read off a screen or typed into a
-- false page: the device signs the server's challenge for this site only. Any user may add
-- passkeys on the account page; an account that must have a second factor (V1_0_67) may set one
-- up at the first sign-in instead of the one-time code app. The server verifies the signature
-- (PostgreSQL has no elliptic-curve verification); the database checks everything else of the
-- answer: the challenge (issued for one session, used once within five minutes) in the client
-- data, the relying party's hash, user presence and the signature counter (which only goes up) in
-- the authenticator data, and that the passkey is the account's. A sign-in names no passkey to
-- the browser (passkeys are discoverable): a passkey's id is known to its device and this table
-- only, so whoever holds the application's login and an account's password still cannot answer
-- for a passkey they do not have. Passkeys are never deleted: removing one marks it.

INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('passkey_added', '1.0', 'a passkey was added to an account'),
    ('passkey_removed', '1.0', 'a passkey was removed from an account')
ON CONFLICT (code) DO NOTHING;

-- one ceremony at a time per session: its challenge, what it is for, until when
ALTER TABLE access_tokens
    ADD COLUMN passkey_challenge bytea,
    ADD COLUMN passkey_purpose text,
    ADD COLUMN passkey_challenge_expires_at timestamptz,
    ADD CONSTRAINT access_tokens_passkey_purpose CHECK (passkey_purpose IN ('register', 'sign_in'));

CREATE TABLE passkeys (
    id                      uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id                 uuid        NOT NULL,
    credential_id           bytea       NOT NULL,
    public_key              bytea       NOT NULL,
    attestation_object      bytea       NOT NULL,
    attestation_client_data bytea       NOT NULL,
    sign_count              bigint      NOT NULL DEFAULT 0,
    uv_initialized          boolean     NOT NULL DEFAULT false,
    backup_eligible         boolean     NOT NULL DEFAULT false,
    backup_state            boolean     NOT NULL DEFAULT false,
    transports              text[]      NOT NULL DEFAULT '{}',
    label                   text        NOT NULL,
    rp_id                   text        NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    last_used_at            timestamptz,
    removed_at              timestamptz,
    CONSTRAINT passkeys_pkey PRIMARY KEY (id),
    CONSTRAINT passkeys_credential_key UNIQUE (credential_id),
    CONSTRAINT passkeys_user_fkey FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT passkeys_credential_length CHECK (octet_length(credential_id) BETWEEN 16 AND 1023),
    CONSTRAINT passkeys_label_length CHECK (char_length(label) BETWEEN 1 AND 64),
    CONSTRAINT passkeys_sign_count CHECK (sign_count BETWEEN 0 AND 4294967295),
    CONSTRAINT passkeys_rp_id_length CHECK (char_length(rp_id) BETWEEN 1 AND 253)
);
CREATE INDEX passkeys_user_idx ON passkeys (user_id) WHERE removed_at IS NULL;
SELECT secure_table('passkeys');
-- no role reads or writes the table: the functions below are the only way in

-- Whether the account has a second factor of its own: a confirmed app or a passkey.
CREATE FUNCTION has_second_factor(p_user uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT EXISTS (SELECT FROM second_factors f WHERE f.user_id = p_user AND f.confirmed_at IS NOT NULL)
        OR EXISTS (SELECT FROM passkeys p WHERE p.user_id = p_user AND p.removed_at IS NULL)
$$;
REVOKE ALL ON FUNCTION has_second_factor(uuid) FROM PUBLIC;

CREATE OR REPLACE FUNCTION needs_second_factor(account users) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT has_second_factor(account.id)
        OR (account.role IN ('vp', 'admin')
            AND (SELECT l.require_second_factor FROM login_settings l WHERE l.singleton))
$$;

-- A wrong second factor counts like a wrong password, towards the lock.
CREATE FUNCTION count_failed_sign_in(p_user uuid) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    UPDATE users u SET
        failed_logins = u.failed_logins + 1,
        locked_until = CASE WHEN u.failed_logins + 1 >= s.max_failures
            THEN now() + make_interval(secs => least(s.max_lock_seconds,
                     s.first_lock_seconds * power(2, least(u.failed_logins + 1 - s.max_failures, 20))))
            ELSE u.locked_until END
    FROM login_settings s
    WHERE s.singleton AND u.id = p_user
$$;
REVOKE ALL ON FUNCTION count_failed_sign_in(uuid) FROM PUBLIC;

-- Ten new recovery codes for the account (any unused ones stop working), returned this once.
CREATE FUNCTION new_recovery_codes(p_user uuid) RETURNS text[]
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    codes text[] := ARRAY[]::text[];
    plain text;
BEGIN
    UPDATE recovery_codes r SET used_at = now() WHERE r.user_id = p_user AND r.used_at IS NULL;
    FOR i IN 1..10 LOOP
        plain := lower(substr(translate(encode(vpflow.gen_random_bytes(10), 'base64'), '+/=', 'xyz'), 1, 10));
        INSERT INTO recovery_codes (user_id, code_hash) VALUES (p_user, sha256(convert_to(plain, 'UTF8')));
        codes := codes || plain;
    END LOOP;
    RETURN codes;
END
$$;
REVOKE ALL ON FUNCTION new_recovery_codes(uuid) FROM PUBLIC;

-- The waiting session has passed its second factor: from now on it proves its user (audited as
-- the sign-in, with the method).
CREATE FUNCTION pass_second_factor(p_token text, p_method text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    s login_settings%ROWTYPE;
    t access_tokens%ROWTYPE;
BEGIN
    SELECT * INTO s FROM login_settings WHERE singleton;
    UPDATE access_tokens a SET pending_second_factor = false,
        expires_at = now() + make_interval(secs => s.session_max_seconds), idle_seconds = s.session_idle_seconds,
        last_used_at = now(), passkey_challenge = NULL, passkey_purpose = NULL, passkey_challenge_expires_at = NULL
    WHERE a.token_hash = sha256(convert_to(p_token, 'UTF8')) AND a.pending_second_factor
    RETURNING * INTO t;
    UPDATE users u SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE u.id = t.user_id;
    PERFORM audit_as(p_token, 'login_succeeded', t.user_id,
        jsonb_build_object('channel', 'web', 'second_factor', p_method));
END
$$;
REVOKE ALL ON FUNCTION pass_second_factor(text, text) FROM PUBLIC;

-- The session a passkey ceremony runs in: the waiting session presented (after the password), or,
-- without one, the signed-in session acting now (the account page). Nothing otherwise.
CREATE FUNCTION passkey_session(p_token text) RETURNS access_tokens
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    t access_tokens%ROWTYPE;
BEGIN
    IF p_token IS NULL THEN
        SELECT a.* INTO t FROM acting_identity() i JOIN access_tokens a ON a.id = i.token_id
        WHERE i.kind = 'session' AND a.user_id IS NOT NULL
        FOR UPDATE OF a;
    ELSE
        SELECT * INTO t FROM access_tokens a
        WHERE a.token_hash = sha256(convert_to(p_token, 'UTF8')) AND a.pending_second_factor
          AND a.revoked_at IS NULL AND a.expires_at > now()
        FOR UPDATE;
    END IF;
    RETURN t;
END
$$;
REVOKE ALL ON FUNCTION passkey_session(text) FROM PUBLIC;

-- Begins a ceremony with the server's random challenge: 'register' (a new passkey: on the account
-- page, or at the first sign-in of an account without a second factor) or 'sign_in' (the second
-- step of a waiting session whose account has passkeys). Returns what the browser is told: the
-- account's WebAuthn user handle (its id's 16 bytes), names, and, registering, the ids of its
-- passkeys (not to make one twice); signing in, none: the device offers its own.
CREATE FUNCTION begin_passkey(p_token text, p_purpose text, p_challenge bytea)
    RETURNS TABLE (user_handle bytea, username text, display_name text, credential_ids bytea[])
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    t access_tokens%ROWTYPE;
    account users%ROWTYPE;
BEGIN
    IF p_purpose IS NULL OR p_purpose NOT IN ('register', 'sign_in')
       OR (p_token IS NULL AND p_purpose <> 'register') THEN
        RAISE EXCEPTION 'a passkey is registered or signs in, not %', p_purpose USING ERRCODE = '22023';
    END IF;
    IF octet_length(p_challenge) IS DISTINCT FROM 32 THEN
        RAISE EXCEPTION 'a challenge is 32 random bytes' USING ERRCODE = '22023';
    END IF;
    t := passkey_session(p_token);
    IF t.id IS NULL THEN
        RAISE EXCEPTION 'no session to add a passkey to or sign in with one' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO account FROM users u WHERE u.id = t.user_id;
    IF p_token IS NOT NULL AND p_purpose = 'register' AND has_second_factor(account.id) THEN
        RAISE EXCEPTION 'this account has a second factor: it signs in with it' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_purpose = 'sign_in'
       AND NOT EXISTS (SELECT FROM passkeys p WHERE p.user_id = account.id AND p.removed_at IS NULL) THEN
        RAISE EXCEPTION 'this account has no passkey' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE access_tokens a SET passkey_challenge = p_challenge, passkey_purpose = p_purpose,
        passkey_challenge_expires_at = now() + interval '5 minutes'
    WHERE a.id = t.id;
    RETURN QUERY
    SELECT uuid_send(account.id), account.username, account.display_name,
           coalesce((SELECT array_agg(p.credential_id ORDER BY p.created_at) FROM passkeys p
                     WHERE p_purpose = 'register' AND p.user_id = account.id AND p.removed_at IS NULL),
                    ARRAY[]::bytea[]);
END
$$;
REVOKE ALL ON FUNCTION begin_passkey(text, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION begin_passkey(text, text, bytea) TO vpflow_user;

-- The ceremony a session has begun, for the server to verify the browser's answer against: the
-- challenge (while it is valid), the account, and, for signing in, the account's passkey with this
-- id (no row of it when the account has none such). No rows when nothing was begun.
CREATE FUNCTION passkey_ceremony(p_token text, p_purpose text, p_credential_id bytea)
    RETURNS TABLE (challenge bytea, user_handle bytea, username text, display_name text,
                   public_key bytea, attestation_object bytea, attestation_client_data bytea, sign_count bigint,
                   uv_initialized boolean, backup_eligible boolean, backup_state boolean, transports text[],
                   label text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    t access_tokens%ROWTYPE := passkey_session(p_token);
BEGIN
    IF t.id IS NULL OR t.passkey_purpose IS DISTINCT FROM p_purpose
       OR t.passkey_challenge_expires_at <= now() THEN
        RETURN;
    END IF;
    RETURN QUERY
    SELECT t.passkey_challenge, uuid_send(u.id), u.username, u.display_name,
           p.public_key, p.attestation_object, p.attestation_client_data, p.sign_count,
           p.uv_initialized, p.backup_eligible, p.backup_state, p.transports, p.label
    FROM users u
    LEFT JOIN passkeys p ON p_purpose = 'sign_in' AND p.user_id = u.id AND p.removed_at IS NULL
                        AND p.credential_id = p_credential_id
    WHERE u.id = t.user_id;
END
$$;
REVOKE ALL ON FUNCTION passkey_ceremony(text, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION passkey_ceremony(text, text, bytea) TO vpflow_user;

-- The second step of a waiting session by passkey, after the server verified the signature over
-- the authenticator data and the client data (both given here, as the browser sent them). The
-- challenge is used up whatever happens. The passkey must be the account's, the client data must
-- answer this session's challenge for a sign-in, the authenticator data must name the relying
-- party the passkey was made for, show the user present and a counter that went up (a device that
-- keeps no counter reports 0, always). signed_in, refused (counted towards the lock, audited) or
-- expired. A null credential is the server saying the signature was wrong.
CREATE FUNCTION finish_passkey_sign_in(p_token text, p_credential_id bytea, p_authenticator_data bytea,
                                       p_client_data bytea) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    t access_tokens%ROWTYPE := passkey_session(coalesce(p_token, ''));
    account users%ROWTYPE;
    key passkeys%ROWTYPE;
    client jsonb;
    flags integer;
    counter bigint;
    answers boolean := false;
    reason text;
BEGIN
    IF t.id IS NULL OR t.passkey_purpose IS DISTINCT FROM 'sign_in' OR t.passkey_challenge_expires_at <= now() THEN
        RETURN 'expired';
    END IF;
    UPDATE access_tokens a SET passkey_challenge = NULL, passkey_purpose = NULL, passkey_challenge_expires_at = NULL
    WHERE a.id = t.id;
    SELECT * INTO account FROM users u WHERE u.id = t.user_id FOR UPDATE;
    SELECT * INTO key FROM passkeys p
    WHERE p.user_id = account.id AND p.removed_at IS NULL AND p.credential_id = p_credential_id
    FOR UPDATE;
    IF key.id IS NOT NULL AND octet_length(p_authenticator_data) >= 37 THEN
        flags := get_byte(p_authenticator_data, 32);
        counter := (get_byte(p_authenticator_data, 33)::bigint << 24) | (get_byte(p_authenticator_data, 34) << 16)
                   | (get_byte(p_authenticator_data, 35) << 8) | get_byte(p_authenticator_data, 36);
        BEGIN
            client := convert_from(p_client_data, 'UTF8')::jsonb;
        EXCEPTION WHEN OTHERS THEN
            client := NULL;
        END;
        answers := jsonb_typeof(client) = 'object'
            AND client->>'type' = 'webauthn.get'
            AND client->>'challenge' = rtrim(translate(encode(t.passkey_challenge, 'base64'), E'+/\n', '-_'), '=')
            AND substring(p_authenticator_data FROM 1 FOR 32) = sha256(convert_to(key.rp_id, 'UTF8'))
            AND flags & 1 = 1;
    END IF;
    reason := CASE
        WHEN NOT account.is_active THEN 'disabled'
        WHEN account.locked_until > statement_timestamp() THEN 'throttled'
        WHEN NOT answers THEN 'wrong_passkey'
        WHEN NOT (counter > key.sign_count OR (counter = 0 AND key.sign_count = 0)) THEN 'passkey_counter'
    END;
    IF reason IS NOT NULL THEN
        PERFORM audit_as(NULL, 'login_failed', account.id,
            jsonb_build_object('username', account.username, 'reason', reason, 'channel', 'web'));
        IF reason IN ('wrong_passkey', 'passkey_counter') THEN
            PERFORM count_failed_sign_in(account.id);
        END IF;
        RETURN 'refused';
    END IF;
    UPDATE passkeys p SET sign_count = counter, backup_state = flags & 16 = 16, last_used_at = now()
    WHERE p.id = key.id;
    PERFORM pass_second_factor(p_token, 'passkey');
    RETURN 'signed_in';
END
$$;
REVOKE ALL ON FUNCTION finish_passkey_sign_in(text, bytea, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION finish_passkey_sign_in(text, bytea, bytea, bytea) TO vpflow_user;

-- Adds the passkey the server verified against the session's 'register' challenge (used up here),
-- made for the relying party p_rp_id. At the first sign-in (a waiting session, not locked) the
-- session then proves its user. Returns ten new recovery codes when this is the account's first
-- second factor or it had none left, this once; an empty array otherwise.
CREATE FUNCTION add_passkey(p_token text, p_credential_id bytea, p_public_key bytea, p_attestation_object bytea,
                            p_attestation_client_data bytea, p_sign_count bigint, p_uv_initialized boolean,
                            p_backup_eligible boolean, p_backup_state boolean, p_transports text[], p_label text,
                            p_rp_id text)
    RETURNS text[]
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    t access_tokens%ROWTYPE := passkey_session(p_token);
    account users%ROWTYPE;
    codes text[] := ARRAY[]::text[];
    name text := btrim(coalesce(p_label, ''));
BEGIN
    IF t.id IS NULL OR t.passkey_purpose IS DISTINCT FROM 'register' OR t.passkey_challenge_expires_at <= now() THEN
        RAISE EXCEPTION 'no passkey is being added in this session' USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE access_tokens a SET passkey_challenge = NULL, passkey_purpose = NULL, passkey_challenge_expires_at = NULL
    WHERE a.id = t.id;
    SELECT * INTO account FROM users u WHERE u.id = t.user_id FOR UPDATE;
    IF p_token IS NOT NULL AND has_second_factor(account.id) THEN
        RAISE EXCEPTION 'this account has a second factor: it signs in with it' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_token IS NOT NULL AND (NOT account.is_active OR account.locked_until > statement_timestamp()) THEN
        PERFORM audit_as(NULL, 'login_failed', account.id,
            jsonb_build_object('username', account.username, 'reason',
                CASE WHEN NOT account.is_active THEN 'disabled' ELSE 'throttled' END, 'channel', 'web'));
        RETURN NULL;
    END IF;
    IF NOT has_second_factor(account.id)
       OR NOT EXISTS (SELECT FROM recovery_codes r WHERE r.user_id = account.id AND r.used_at IS NULL) THEN
        codes := new_recovery_codes(account.id);
    END IF;
    INSERT INTO passkeys (user_id, credential_id, public_key, attestation_object, attestation_client_data, sign_count,
                          uv_initialized, backup_eligible, backup_state, transports, label, rp_id)
    VALUES (account.id, p_credential_id, p_public_key, p_attestation_object, p_attestation_client_data,
            coalesce(p_sign_count, 0), coalesce(p_uv_initialized, false), coalesce(p_backup_eligible, false),
            coalesce(p_backup_state, false), coalesce(p_transports, ARRAY[]::text[]), name, p_rp_id);
    IF p_token IS NOT NULL THEN
        PERFORM pass_second_factor(p_token, 'passkey');
        PERFORM audit_as(p_token, 'passkey_added', account.id,
            jsonb_build_object('username', account.username, 'label', name));
    ELSE
        INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
        VALUES ('passkey_added', 'user', account.id, jsonb_build_object('username', account.username, 'label', name));
    END IF;
    RETURN codes;
END
$$;
REVOKE ALL ON FUNCTION add_passkey(text, bytea, bytea, bytea, bytea, bigint, boolean, boolean, boolean, text[], text,
    text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION add_passkey(text, bytea, bytea, bytea, bytea, bigint, boolean, boolean, boolean, text[], text,
    text) TO vpflow_user;

-- The signed-in user's passkeys.
CREATE FUNCTION own_passkeys()
    RETURNS TABLE (id uuid, label text, created_at timestamptz, last_used_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT p.id, p.label, p.created_at, p.last_used_at
    FROM passkeys p JOIN acting_identity() i ON i.user_id = p.user_id AND i.kind = 'session'
    WHERE p.removed_at IS NULL
    ORDER BY p.created_at
$$;
REVOKE ALL ON FUNCTION own_passkeys() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION own_passkeys() TO vpflow_user;

-- Removes one of the signed-in user's passkeys; the last second factor of an account that must
-- have one stays (the administrator resets a lost one). true when removed.
CREATE FUNCTION remove_own_passkey(p_id uuid) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
    account users%ROWTYPE;
    key passkeys%ROWTYPE;
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind <> 'session' THEN
        RAISE EXCEPTION 'passkeys are managed signed in on the page' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO account FROM users u WHERE u.id = me.user_id FOR UPDATE;
    UPDATE passkeys p SET removed_at = now()
    WHERE p.id = p_id AND p.user_id = account.id AND p.removed_at IS NULL
    RETURNING * INTO key;
    IF key.id IS NULL THEN
        RETURN false;
    END IF;
    IF NOT has_second_factor(account.id) AND needs_second_factor(account) THEN
        RAISE EXCEPTION 'the last second factor of this account stays' USING ERRCODE = 'check_violation';
    END IF;
    IF NOT has_second_factor(account.id) THEN
        -- with the last factor gone, its recovery codes go too; a new factor comes with new ones
        UPDATE recovery_codes r SET used_at = now() WHERE r.user_id = account.id AND r.used_at IS NULL;
    END IF;
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('passkey_removed', 'user', account.id, jsonb_build_object('username', account.username, 'label', key.label));
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION remove_own_passkey(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION remove_own_passkey(uuid) TO vpflow_user;

-- A reset second factor takes the passkeys with it.
CREATE OR REPLACE FUNCTION apply_second_factor_reset(p_user uuid, p_request uuid) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    UPDATE second_factors f SET confirmed_at = NULL, secret = vpflow.gen_random_bytes(20), last_step = 0
    WHERE f.user_id = p_user;
    UPDATE passkeys p SET removed_at = now() WHERE p.user_id = p_user AND p.removed_at IS NULL;
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

-- The waiting session's state now also says which factors the account has: 'code' with app
-- and/or passkeys; 'enroll' when it has none (the app's new secret, hex, for showing).
DROP FUNCTION second_factor_state(text);
CREATE FUNCTION second_factor_state(p_token text)
    RETURNS TABLE (state text, username text, secret text, app boolean, passkeys integer)
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
        RETURN QUERY SELECT 'none'::text, NULL::text, NULL::text, false, 0;
        RETURN;
    END IF;
    SELECT * INTO account FROM users u WHERE u.id = t.user_id;
    IF has_second_factor(account.id) THEN
        RETURN QUERY SELECT 'code'::text, account.username, NULL::text,
            EXISTS (SELECT FROM second_factors s WHERE s.user_id = account.id AND s.confirmed_at IS NOT NULL),
            (SELECT count(*)::integer FROM passkeys p WHERE p.user_id = account.id AND p.removed_at IS NULL);
        RETURN;
    END IF;
    SELECT * INTO f FROM second_factors s WHERE s.user_id = account.id;
    IF NOT FOUND THEN
        INSERT INTO second_factors (user_id, secret) VALUES (account.id, vpflow.gen_random_bytes(20))
        RETURNING * INTO f;
    END IF;
    RETURN QUERY SELECT 'enroll'::text, account.username, encode(f.secret, 'hex'), false, 0;
END
$$;
REVOKE ALL ON FUNCTION second_factor_state(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION second_factor_state(text) TO vpflow_user;

-- The app's code or a recovery code, now also for an account whose only factor is a passkey (its
-- recovery codes stand in for it). The app's code counts only for a confirmed app, or while the
-- app is being set up by an account with no factor at all.
CREATE OR REPLACE FUNCTION second_factor_verify(p_token text, p_code text)
    RETURNS TABLE (result text, recovery_codes text[])
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    t access_tokens%ROWTYPE;
    account users%ROWTYPE;
    f second_factors%ROWTYPE;
    has_factor boolean;
    now_step bigint := floor(extract(epoch FROM statement_timestamp()) / 30)::bigint;
    code text := regexp_replace(coalesce(p_code, ''), '[^0-9A-Za-z]', '', 'g');
    matched bigint;
    recovery uuid;
    codes text[];
BEGIN
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
    has_factor := has_second_factor(account.id);
    IF NOT account.is_active OR account.locked_until > statement_timestamp() OR (f.user_id IS NULL AND NOT has_factor) THEN
        PERFORM audit_as(NULL, 'login_failed', account.id,
            jsonb_build_object('username', account.username, 'reason',
                CASE WHEN NOT account.is_active THEN 'disabled' ELSE 'throttled' END, 'channel', 'web'));
        RETURN QUERY SELECT 'refused'::text, NULL::text[];
        RETURN;
    END IF;
    IF f.user_id IS NOT NULL AND (f.confirmed_at IS NOT NULL OR NOT has_factor) THEN
        SELECT st INTO matched FROM generate_series(now_step - 1, now_step + 1) st
        WHERE st > f.last_step AND totp(f.secret, st) = code
        ORDER BY st DESC LIMIT 1;
    END IF;
    IF matched IS NULL AND has_factor AND length(code) = 10 THEN
        UPDATE recovery_codes r SET used_at = now()
        WHERE r.id = (SELECT r2.id FROM recovery_codes r2 WHERE r2.user_id = account.id AND r2.used_at IS NULL
                        AND r2.code_hash = sha256(convert_to(lower(code), 'UTF8')) LIMIT 1)
        RETURNING r.id INTO recovery;
    END IF;
    IF matched IS NULL AND recovery IS NULL THEN
        PERFORM audit_as(NULL, 'login_failed', account.id,
            jsonb_build_object('username', account.username, 'reason', 'wrong_code', 'channel', 'web'));
        PERFORM count_failed_sign_in(account.id);
        RETURN QUERY SELECT 'refused'::text, NULL::text[];
        RETURN;
    END IF;
    IF matched IS NOT NULL THEN
        UPDATE second_factors sf SET last_step = matched WHERE sf.user_id = account.id;
    END IF;
    IF matched IS NOT NULL AND f.confirmed_at IS NULL THEN
        UPDATE second_factors sf SET confirmed_at = now() WHERE sf.user_id = account.id;
        codes := new_recovery_codes(account.id);
        PERFORM audit_as(NULL, 'second_factor_enrolled', account.id,
            jsonb_build_object('username', account.username, 'method', 'totp'));
    END IF;
    IF recovery IS NOT NULL THEN
        PERFORM audit_as(NULL, 'recovery_code_used', account.id,
            jsonb_build_object('username', account.username,
                               'left', (SELECT count(*) FROM recovery_codes r WHERE r.user_id = account.id
                                          AND r.used_at IS NULL)));
    END IF;
    PERFORM pass_second_factor(p_token, CASE WHEN recovery IS NULL THEN 'totp' ELSE 'recovery_code' END);
    RETURN QUERY SELECT 'signed_in'::text, codes;
END
$$;
