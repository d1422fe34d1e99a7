-- Why: any user may set up a one-time code app from the account page, signed in with their
-- password, not only the accounts the requirement covers (V1_0_67); once set up, every sign-in of
-- the account asks for it. The secret is shown while the app is set up and never again.

-- The code step of the account's app that this code is for (now, or one step before or after,
-- later than any step used), or null.
CREATE FUNCTION totp_step(p_user uuid, p_code text) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT st FROM second_factors f,
           generate_series(floor(extract(epoch FROM statement_timestamp()) / 30)::bigint - 1,
                           floor(extract(epoch FROM statement_timestamp()) / 30)::bigint + 1) st
    WHERE f.user_id = p_user AND st > f.last_step
      AND totp(f.secret, st) = regexp_replace(coalesce(p_code, ''), '[^0-9]', '', 'g')
    ORDER BY st DESC LIMIT 1
$$;
REVOKE ALL ON FUNCTION totp_step(uuid, text) FROM PUBLIC;

-- The signed-in user's own app: none, pending (being set up: the secret, hex) or active.
CREATE FUNCTION own_second_factor() RETURNS TABLE (state text, secret text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
    f second_factors%ROWTYPE;
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind <> 'session' THEN
        RAISE EXCEPTION 'the second factor is set up signed in on the page' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO f FROM second_factors s WHERE s.user_id = me.user_id;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'none'::text, NULL::text;
    ELSIF f.confirmed_at IS NOT NULL THEN
        RETURN QUERY SELECT 'active'::text, NULL::text;
    ELSE
        RETURN QUERY SELECT 'pending'::text, encode(f.secret, 'hex');
    END IF;
END
$$;
REVOKE ALL ON FUNCTION own_second_factor() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION own_second_factor() TO vpflow_user;

-- Starts setting up the app (a new secret, unless one is active already).
CREATE FUNCTION begin_own_second_factor() RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind <> 'session' THEN
        RAISE EXCEPTION 'the second factor is set up signed in on the page' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO second_factors (user_id, secret) VALUES (me.user_id, vpflow.gen_random_bytes(20))
    ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, last_step = 0, created_at = now()
        WHERE second_factors.confirmed_at IS NULL;
END
$$;
REVOKE ALL ON FUNCTION begin_own_second_factor() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION begin_own_second_factor() TO vpflow_user;

-- Confirms the app with its first code: ten recovery codes, returned this once; null for a wrong
-- code (counted like a wrong password, towards the lock: the caller must commit that).
CREATE FUNCTION confirm_own_second_factor(p_code text) RETURNS text[]
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
    s login_settings%ROWTYPE;
    account users%ROWTYPE;
    matched bigint;
    codes text[] := ARRAY[]::text[];
    plain text;
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind <> 'session' THEN
        RAISE EXCEPTION 'the second factor is set up signed in on the page' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO account FROM users u WHERE u.id = me.user_id FOR UPDATE;
    IF NOT EXISTS (SELECT FROM second_factors f WHERE f.user_id = account.id AND f.confirmed_at IS NULL) THEN
        RAISE EXCEPTION 'no second factor is being set up' USING ERRCODE = 'check_violation';
    END IF;
    matched := totp_step(account.id, p_code);
    IF matched IS NULL THEN
        -- audited first: a lock ends the acting session, and nothing after it would be the account's
        INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
        VALUES ('login_failed', 'user', account.id,
                jsonb_build_object('username', account.username, 'reason', 'wrong_code', 'channel', 'account'));
        SELECT * INTO s FROM login_settings WHERE singleton;
        UPDATE users u SET
            failed_logins = u.failed_logins + 1,
            locked_until = CASE WHEN u.failed_logins + 1 >= s.max_failures
                THEN now() + make_interval(secs => least(s.max_lock_seconds,
                         s.first_lock_seconds * power(2, least(u.failed_logins + 1 - s.max_failures, 20))))
                ELSE u.locked_until END
        WHERE u.id = account.id;
        RETURN NULL;
    END IF;
    UPDATE second_factors f SET confirmed_at = now(), last_step = matched WHERE f.user_id = account.id;
    UPDATE recovery_codes r SET used_at = now() WHERE r.user_id = account.id AND r.used_at IS NULL;
    FOR i IN 1..10 LOOP
        plain := lower(substr(translate(encode(vpflow.gen_random_bytes(10), 'base64'), '+/=', 'xyz'), 1, 10));
        INSERT INTO recovery_codes (user_id, code_hash) VALUES (account.id, sha256(convert_to(plain, 'UTF8')));
        codes := codes || plain;
    END LOOP;
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details)
    VALUES ('second_factor_enrolled', 'user', account.id,
            jsonb_build_object('username', account.username, 'method', 'totp'));
    RETURN codes;
END
$$;
REVOKE ALL ON FUNCTION confirm_own_second_factor(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION confirm_own_second_factor(text) TO vpflow_user;
