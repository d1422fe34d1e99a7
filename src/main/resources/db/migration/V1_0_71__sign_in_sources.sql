-- Why: failed sign-ins are counted per account and per address the attempts come from. An
-- account's lock (too many wrong passwords) then closes it to the addresses that failed and to
-- addresses it has never signed in from, not to the addresses its owner signed in from in the
-- last 90 days: whoever guesses from elsewhere cannot keep the owner out. And the audit log
-- keeps one row per account, address and reason every 15 minutes, saying how many attempts it
-- stands for, instead of one row per guess.

-- Per attempted account name (lowercase; also for names that are no account) and address:
-- the failures, that address's own lock, its last success and what of it the audit log has.
-- Counters, not records: an entry nobody used for a day (and that is no recent success) goes.
CREATE TABLE sign_in_sources (
    username_key    text        NOT NULL,
    source          text        NOT NULL,
    user_id         uuid,
    failures        integer     NOT NULL DEFAULT 0,
    locked_until    timestamptz,
    last_failure_at timestamptz,
    last_success_at timestamptz,
    unaudited       integer     NOT NULL DEFAULT 0,
    audited_reason  text,
    audited_at      timestamptz,
    CONSTRAINT sign_in_sources_pkey PRIMARY KEY (username_key, source),
    CONSTRAINT sign_in_sources_user_fkey FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT sign_in_sources_lengths CHECK (char_length(username_key) <= 64 AND char_length(source) <= 64)
);
CREATE INDEX sign_in_sources_idle_idx ON sign_in_sources (last_failure_at);
ALTER TABLE sign_in_sources ENABLE ROW LEVEL SECURITY;
ALTER TABLE sign_in_sources FORCE ROW LEVEL SECURITY;
CREATE POLICY sign_in_sources_owner_maintenance ON sign_in_sources TO CURRENT_USER USING (true) WITH CHECK (true);
-- no role reads or writes it: login_password() and pass_second_factor() are the only way in

-- where a session waiting for its second factor signed in from, to remember when it passes
ALTER TABLE access_tokens ADD COLUMN source text;

-- An address as the server counts it (after trusted proxies; IPv6 as its /64), or 'unknown'.
CREATE FUNCTION sign_in_source(p_source text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = vpflow, pg_temp
AS $$
    SELECT CASE WHEN p_source ~ '^[0-9A-Fa-f.:]{2,45}(/64)?$' THEN lower(p_source) ELSE 'unknown' END
$$;
REVOKE ALL ON FUNCTION sign_in_source(text) FROM PUBLIC;

-- A failed sign-in of an account name from an address: counted there (with that address's own
-- lock), and audited as the first of its kind in 15 minutes or with the count of those before.
CREATE FUNCTION sign_in_failed(p_username text, p_user uuid, p_source text, p_reason text, p_channel text)
    RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    s login_settings%ROWTYPE;
    entry sign_in_sources%ROWTYPE;
    old sign_in_sources%ROWTYPE;
    counts boolean := p_reason IN ('wrong_password', 'unknown_user');
BEGIN
    SELECT * INTO s FROM login_settings WHERE singleton;
    INSERT INTO sign_in_sources AS e (username_key, source, user_id, failures, last_failure_at)
    VALUES (lower(p_username), p_source, p_user, CASE WHEN counts THEN 1 ELSE 0 END, now())
    ON CONFLICT (username_key, source) DO UPDATE SET
        user_id = coalesce(EXCLUDED.user_id, e.user_id),
        failures = e.failures + CASE WHEN counts THEN 1 ELSE 0 END,
        last_failure_at = now()
    RETURNING * INTO entry;
    IF counts AND entry.failures >= s.max_failures THEN
        UPDATE sign_in_sources e SET locked_until = now() + make_interval(secs => least(s.max_lock_seconds,
                s.first_lock_seconds * power(2, least(entry.failures - s.max_failures, 20))))
        WHERE e.username_key = entry.username_key AND e.source = entry.source;
    END IF;
    IF entry.unaudited > 0 AND entry.audited_reason IS DISTINCT FROM p_reason THEN
        -- the attempts of the reason before, not written yet, under their own reason
        PERFORM audit_as(NULL, 'login_failed', p_user,
            jsonb_build_object('username', p_username, 'reason', entry.audited_reason, 'channel', p_channel,
                               'source', p_source, 'attempts', entry.unaudited));
        entry.unaudited := 0;
    END IF;
    IF entry.audited_at IS NULL OR entry.audited_at < now() - interval '15 minutes'
       OR entry.audited_reason IS DISTINCT FROM p_reason THEN
        PERFORM audit_as(NULL, 'login_failed', p_user,
            jsonb_build_object('username', p_username, 'reason', p_reason, 'channel', p_channel,
                               'source', p_source, 'attempts', entry.unaudited + 1));
        UPDATE sign_in_sources e SET unaudited = 0, audited_reason = p_reason, audited_at = now()
        WHERE e.username_key = entry.username_key AND e.source = entry.source;
    ELSE
        UPDATE sign_in_sources e SET unaudited = e.unaudited + 1
        WHERE e.username_key = entry.username_key AND e.source = entry.source;
    END IF;
    -- counters nobody used for a day go (a recent success stays: it makes the address familiar),
    -- their attempts not written yet written first
    FOR old IN SELECT * FROM sign_in_sources o
               WHERE coalesce(o.last_failure_at, o.last_success_at) < now() - interval '1 day'
                 AND (o.last_success_at IS NULL OR o.last_success_at < now() - interval '90 days')
               LIMIT 100
    LOOP
        IF old.unaudited > 0 THEN
            PERFORM audit_as(NULL, 'login_failed', old.user_id,
                jsonb_build_object('username', old.username_key, 'reason', old.audited_reason,
                                   'source', old.source, 'attempts', old.unaudited));
        END IF;
        DELETE FROM sign_in_sources o WHERE o.username_key = old.username_key AND o.source = old.source;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION sign_in_failed(text, uuid, text, text, text) FROM PUBLIC;

-- A successful sign-in from an address: its failures forgotten (the attempts not written yet are
-- written first), the address familiar for 90 days. Written only when something changes or once a
-- minute: a script signing in with every request costs no write each time.
CREATE FUNCTION sign_in_succeeded(p_username text, p_user uuid, p_source text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    entry sign_in_sources%ROWTYPE;
BEGIN
    SELECT * INTO entry FROM sign_in_sources e WHERE e.username_key = lower(p_username) AND e.source = p_source
    FOR UPDATE;
    IF entry.unaudited > 0 THEN
        PERFORM audit_as(NULL, 'login_failed', p_user,
            jsonb_build_object('username', p_username, 'reason', entry.audited_reason, 'source', p_source,
                               'attempts', entry.unaudited));
    END IF;
    IF entry.username_key IS NULL THEN
        INSERT INTO sign_in_sources (username_key, source, user_id, last_success_at)
        VALUES (lower(p_username), p_source, p_user, now())
        ON CONFLICT (username_key, source) DO NOTHING;
    ELSIF entry.failures <> 0 OR entry.locked_until IS NOT NULL OR entry.unaudited <> 0
          OR entry.last_success_at IS NULL OR entry.last_success_at < now() - interval '1 minute' THEN
        UPDATE sign_in_sources e SET user_id = p_user, failures = 0, locked_until = NULL, last_success_at = now(),
            unaudited = 0
        WHERE e.username_key = entry.username_key AND e.source = entry.source;
    END IF;
END
$$;
REVOKE ALL ON FUNCTION sign_in_succeeded(text, uuid, text) FROM PUBLIC;

DROP FUNCTION login_password(text, text, text, text);
-- Signing in with a password, from an address. Refused ('throttled') while that address is
-- locked out of the account, or while the account is locked and the address is not one it signed
-- in from in the last 90 days. A wrong password counts for the account and for the address.
CREATE FUNCTION login_password(p_username text, p_password text, p_kind text, p_channel text, p_source text)
    RETURNS TABLE (token text, user_id uuid, username text, display_name text, role text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    s        login_settings%ROWTYPE;
    account  users%ROWTYPE;
    entry    sign_in_sources%ROWTYPE;
    matches  boolean;
    familiar boolean;
    refusal  text;
    issued   record;
    attempted text := left(btrim(coalesce(p_username, '')), 64);
    channel  text := CASE WHEN p_channel ~ '^[a-z]{1,16}$' THEN p_channel ELSE 'other' END;
    address  text := sign_in_source(p_source);
BEGIN
    IF p_kind IS NULL OR p_kind NOT IN ('session', 'basic') THEN
        RAISE EXCEPTION 'a password signs in a session or a single request, not %', p_kind USING ERRCODE = '22023';
    END IF;
    SELECT * INTO s FROM login_settings WHERE singleton;
    SELECT * INTO account FROM users u WHERE lower(u.username) = lower(attempted);
    IF NOT FOUND THEN
        -- a miss costs as long as a hit
        PERFORM vpflow.crypt(left(coalesce(p_password, ''), 1000), vpflow.gen_salt('bf', s.bcrypt_cost));
        PERFORM sign_in_failed(attempted, NULL, address, 'unknown_user', channel);
        RETURN;
    END IF;
    SELECT * INTO entry FROM sign_in_sources e WHERE e.username_key = lower(account.username) AND e.source = address;
    familiar := entry.last_success_at > now() - interval '90 days';
    matches := password_matches(p_password, account.password_hash);
    refusal := CASE
        WHEN NOT account.is_active THEN 'disabled'
        WHEN entry.locked_until > statement_timestamp() THEN 'throttled'
        WHEN account.locked_until > statement_timestamp() AND NOT coalesce(familiar, false) THEN 'throttled'
        WHEN NOT matches THEN 'wrong_password'
        -- an account with a second factor signs in on the page; scripts use its tokens
        WHEN p_kind = 'basic' AND needs_second_factor(account) AND NOT acting_for_rls_check(account.username)
            THEN 'second_factor_required'
    END;
    IF refusal IS NOT NULL THEN
        IF refusal = 'wrong_password' THEN
            PERFORM count_failed_sign_in(account.id);
        END IF;
        PERFORM sign_in_failed(account.username, account.id, address, refusal, channel);
        RETURN;
    END IF;
    -- the account's counters start again, unless the account is locked and this address was let
    -- through as one it signs in from (the lock stays for the others), or a second factor is still
    -- to come (pass_second_factor resets them then: a right password alone does not wipe out the
    -- wrong codes)
    IF NOT (account.locked_until > statement_timestamp())
       AND NOT (p_kind = 'session' AND needs_second_factor(account)) THEN
        UPDATE users u SET failed_logins = 0, locked_until = NULL, last_login_at = now()
        WHERE u.id = account.id
          AND (u.failed_logins <> 0 OR u.locked_until IS NOT NULL OR u.last_login_at IS NULL
               OR u.last_login_at < now() - interval '1 minute');
    END IF;
    -- the account's dead tokens go now, so that they never pile up
    DELETE FROM access_tokens t
    WHERE t.user_id = account.id AND t.kind IN ('session', 'basic')
      AND (t.revoked_at < now() - interval '1 day' OR t.expires_at < now() - interval '1 day'
           OR t.last_used_at < now() - interval '1 day' - make_interval(secs => coalesce(t.idle_seconds, 0)));
    IF p_kind = 'session' AND needs_second_factor(account) THEN
        -- the password was right; the session proves nobody until the second factor does, and
        -- the address becomes familiar only then
        SELECT * INTO issued FROM new_token('session', account.id, NULL, NULL,
            now() + interval '10 minutes', NULL);
        UPDATE access_tokens t SET pending_second_factor = true, source = address
        WHERE t.id = issued.id;
    ELSIF p_kind = 'session' THEN
        PERFORM sign_in_succeeded(account.username, account.id, address);
        SELECT * INTO issued FROM new_token('session', account.id, NULL, NULL,
            now() + make_interval(secs => s.session_max_seconds), s.session_idle_seconds);
        PERFORM audit_as(issued.token, 'login_succeeded', account.id, jsonb_build_object('channel', channel));
    ELSE
        PERFORM sign_in_succeeded(account.username, account.id, address);
        SELECT * INTO issued FROM new_token('basic', account.id, NULL, NULL, now() + interval '10 minutes', NULL);
    END IF;
    RETURN QUERY SELECT issued.token, account.id, account.username, account.display_name, account.role::text;
END
$$;
REVOKE ALL ON FUNCTION login_password(text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION login_password(text, text, text, text, text) TO vpflow_user;

-- The second factor passed: the address the password came from is familiar from now on.
CREATE OR REPLACE FUNCTION pass_second_factor(p_token text, p_method text) RETURNS void
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
    IF t.source IS NOT NULL THEN
        PERFORM sign_in_succeeded((SELECT u.username FROM users u WHERE u.id = t.user_id), t.user_id, t.source);
    END IF;
    PERFORM audit_as(p_token, 'login_succeeded', t.user_id,
        jsonb_build_object('channel', 'web', 'second_factor', p_method));
END
$$;
