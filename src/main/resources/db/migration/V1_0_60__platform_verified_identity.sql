-- Why: until now a request told the database who acts (SET LOCAL ROLE to an office role and the
-- user's id and role in settings), so any SQL on the application's connections (an injection, a
-- compromised library, a leaked pool password) could tell it otherwise. From here on the database
-- proves who acts (DESIGN.md section 4): a request presents a secret, either a password that is
-- checked here against its hash or a token that was issued here and is kept only as its SHA-256,
-- and policies, triggers and defaults learn the acting user and role only from that proof, the
-- role from users.role. The application's login is a member of no office role; its rights come
-- from vpflow_user, and every policy of vpflow_user asks the proven role. Password hashes, token
-- hashes and sessions are out of its reach (Spring Session's tables go: the session is a token),
-- taking an account away ends its tokens at once, every security-definer and trigger function
-- pins its search_path, and nobody but the owner may make temporary tables, so none can shadow a
-- table that a function reads.
--
-- The v1.1-A plan's tables (documents, document_links) get the same treatment from
-- apply_verified_identity(), here when they exist already and after every later migration
-- otherwise (a Flyway callback), since a migration that has landed is never edited.

DO $$
DECLARE
    installed_in text := (SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                          WHERE e.extname = 'pgcrypto');
BEGIN
    IF installed_in IS NULL THEN
        CREATE EXTENSION pgcrypto WITH SCHEMA vpflow;
    ELSIF installed_in <> 'vpflow' THEN
        RAISE EXCEPTION 'the extension pgcrypto is installed in the schema %; VP-Flow needs it in vpflow', installed_in
            USING HINT = 'ALTER EXTENSION pgcrypto SET SCHEMA vpflow';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vpflow_user') THEN
        CREATE ROLE vpflow_user NOLOGIN;
    END IF;
    -- a temporary table would come first on an unpinned search path; only the owner makes them
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$;

GRANT USAGE ON SCHEMA vpflow TO vpflow_user;
REVOKE ALL ON SCHEMA vpflow FROM vpflow_vp, vpflow_secretary, vpflow_admin, vpflow_login;

-- ---------------------------------------------------------------------------------------------
-- Settings of signing in, written by the server at start-up from its configuration (owner only).
CREATE TABLE login_settings (
    singleton            boolean NOT NULL DEFAULT true,
    bcrypt_cost          integer NOT NULL DEFAULT 12,
    max_failures         integer NOT NULL DEFAULT 5,
    first_lock_seconds   integer NOT NULL DEFAULT 60,
    max_lock_seconds     integer NOT NULL DEFAULT 900,
    session_idle_seconds integer NOT NULL DEFAULT 1800,
    session_max_seconds  integer NOT NULL DEFAULT 43200,
    CONSTRAINT login_settings_pkey PRIMARY KEY (singleton),
    CONSTRAINT login_settings_singleton CHECK (singleton),
    CONSTRAINT login_settings_bcrypt_cost CHECK (bcrypt_cost BETWEEN 4 AND 16),
    CONSTRAINT login_settings_positive CHECK (max_failures > 0 AND first_lock_seconds > 0 AND max_lock_seconds > 0
        AND session_idle_seconds > 0 AND session_max_seconds > 0)
);
INSERT INTO login_settings DEFAULT VALUES;
SELECT secure_table('login_settings');

-- Every secret that proves a user, as its SHA-256 only. Tokens are not records: a used or dead
-- one is removed, so no no-delete trigger here, and no role but the owner reaches the table.
--   session:  the web session (the cookie is the token); ends when idle or too old
--   basic:    one request of a script that sent a password; removed when the request ends
--   api:      a personal access token that its user made, named, optionally expiring
--   feed:     the private address of a user's calendar feed; reads the agenda and nothing else
--   operator: the server or the command line acting for the system, issued only by the owner
CREATE TABLE access_tokens (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    token_hash    bytea       NOT NULL,
    kind          text        NOT NULL,
    user_id       uuid,
    operator_role app_role,
    name          text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    idle_seconds  integer,
    last_used_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    CONSTRAINT access_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT access_tokens_hash_key UNIQUE (token_hash),
    CONSTRAINT access_tokens_user_fkey FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT access_tokens_kind CHECK (kind IN ('session', 'basic', 'api', 'feed', 'operator')),
    CONSTRAINT access_tokens_holder CHECK (CASE WHEN kind = 'operator'
        THEN user_id IS NULL AND operator_role IS NOT NULL
        ELSE user_id IS NOT NULL AND operator_role IS NULL END),
    CONSTRAINT access_tokens_hash_length CHECK (octet_length(token_hash) = 32),
    CONSTRAINT access_tokens_name_length CHECK (char_length(name) BETWEEN 1 AND 100)
);
CREATE INDEX access_tokens_user_idx ON access_tokens (user_id, kind);
ALTER TABLE access_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY access_tokens_owner_maintenance ON access_tokens TO CURRENT_USER USING (true) WITH CHECK (true);

INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('api_token_created',  '1.0', 'a user made a personal access token'),
    ('api_token_revoked',  '1.0', 'a personal access token was revoked'),
    ('feed_token_rotated', '1.0', 'a user made a new private address for the calendar feed')
ON CONFLICT (code) DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- Who a token proves, if it proves anyone now: the token is live, its user active and unlocked.
-- The role is the user's (users.role); a feed token acts as the role 'feed' whatever its user's.
-- PL/pgSQL, like the functions below that every statement calls: it keeps its plan for the
-- session, where an SQL function that cannot be inlined is planned again for each statement
-- (with SQL functions here, pgbench ran the agenda's read transaction at half the rate).
CREATE FUNCTION token_identity(presented text)
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
      AND (t.expires_at IS NULL OR t.expires_at > statement_timestamp())
      AND (t.idle_seconds IS NULL
           OR t.last_used_at > statement_timestamp() - make_interval(secs => t.idle_seconds))
      AND (t.kind = 'operator'
           OR (u.is_active AND (u.locked_until IS NULL OR u.locked_until <= statement_timestamp())));
END
$$;
REVOKE ALL ON FUNCTION token_identity(text) FROM PUBLIC;

-- The acting user of the current statement, from the token this transaction presented
-- (vpflow.token, set by act()). No token: nobody. A token that proves nobody (forged, revoked,
-- expired, its user disabled or locked): the statement is refused.
CREATE FUNCTION acting_identity()
    RETURNS TABLE (user_id uuid, role text, kind text, token_id uuid)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    presented text := current_setting('vpflow.token', true);
BEGIN
    IF presented IS NULL OR presented = '' THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT i.user_id, i.role, i.kind, i.token_id FROM token_identity(presented) i;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'the credentials of this request prove no active user' USING ERRCODE = 'VPF10';
    END IF;
END
$$;
REVOKE ALL ON FUNCTION acting_identity() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION acting_identity() TO vpflow_user;

-- The two functions every policy, trigger and default reads; their names stay, their source of
-- truth changes. Without a token (the owner migrating or restoring) the role is 'system'. They
-- name what they call with its schema, so there is no search path to pin.
CREATE OR REPLACE FUNCTION current_user_id() RETURNS uuid
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN (SELECT i.user_id FROM vpflow.acting_identity() i);
END
$$;

CREATE OR REPLACE FUNCTION current_app_role() RETURNS text
    LANGUAGE plpgsql STABLE
AS $$
BEGIN
    RETURN coalesce((SELECT i.role FROM vpflow.acting_identity() i), 'system');
END
$$;

-- Begins a transaction's work as the holder of a token: the only way a transaction gets an actor.
CREATE FUNCTION act(p_token text, p_channel text)
    RETURNS TABLE (user_id uuid, role text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    PERFORM set_config('vpflow.token', coalesce(p_token, ''), true);
    PERFORM set_config('vpflow.channel', CASE WHEN p_channel ~ '^[a-z]{1,16}$' THEN p_channel ELSE 'other' END, true);
    RETURN QUERY SELECT i.user_id, i.role FROM acting_identity() i;
END
$$;
REVOKE ALL ON FUNCTION act(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION act(text, text) TO vpflow_user;

-- ---------------------------------------------------------------------------------------------
-- Secrets are made and checked here only.
CREATE FUNCTION new_token(p_kind text, p_user uuid, p_operator_role app_role, p_name text,
                          p_expires_at timestamptz, p_idle_seconds integer)
    RETURNS TABLE (id uuid, token text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    secret text := 'vpf' || left(p_kind, 1) || '_'
        || rtrim(translate(encode(vpflow.gen_random_bytes(32), 'base64'), '+/', '-_'), '=');
    made uuid;
BEGIN
    INSERT INTO access_tokens (token_hash, kind, user_id, operator_role, name, expires_at, idle_seconds)
    VALUES (sha256(convert_to(secret, 'UTF8')), p_kind, p_user, p_operator_role, p_name, p_expires_at, p_idle_seconds)
    RETURNING access_tokens.id INTO made;
    RETURN QUERY SELECT made, secret;
END
$$;
REVOKE ALL ON FUNCTION new_token(text, uuid, app_role, text, timestamptz, integer) FROM PUBLIC;

CREATE FUNCTION hash_password(p_password text, p_username text) RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF p_password IS NULL OR char_length(p_password) < 12 OR char_length(p_password) > 1000
       OR position(lower(p_username) IN lower(p_password)) > 0 THEN
        RAISE EXCEPTION 'a password has 12 to 1000 characters and does not contain the username'
            USING ERRCODE = '22023';
    END IF;
    RETURN '{bcrypt}' || vpflow.crypt(p_password,
        vpflow.gen_salt('bf', (SELECT bcrypt_cost FROM login_settings WHERE singleton)));
END
$$;
REVOKE ALL ON FUNCTION hash_password(text, text) FROM PUBLIC;

CREATE FUNCTION password_matches(p_password text, p_stored text) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT p_stored LIKE '{bcrypt}$2_$%'
       AND vpflow.crypt(left(coalesce(p_password, ''), 1000), substr(p_stored, 9)) = substr(p_stored, 9)
$$;
REVOKE ALL ON FUNCTION password_matches(text, text) FROM PUBLIC;

-- An audit event written by a function below, stamped as the holder of a token (or the system).
CREATE FUNCTION audit_as(p_token text, p_event text, p_user uuid, p_details jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    prior text := coalesce(current_setting('vpflow.token', true), '');
BEGIN
    PERFORM set_config('vpflow.token', coalesce(p_token, ''), true);
    INSERT INTO audit_logs (event_type, entity_type, entity_id, details) VALUES (p_event, 'user', p_user, p_details);
    PERFORM set_config('vpflow.token', prior, true);
END
$$;
REVOKE ALL ON FUNCTION audit_as(text, text, uuid, jsonb) FROM PUBLIC;

-- Signing in with a password, checked against its hash here. Returns the new token and who it
-- proves, or nothing: the caller never learns whether the account exists, is disabled or is
-- locked. Every refusal is audited (and committed, since nothing is raised); five failures in a
-- row lock the account, each further one twice as long.
CREATE FUNCTION login_password(p_username text, p_password text, p_kind text, p_channel text)
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
    IF p_kind = 'session' THEN
        SELECT * INTO issued FROM new_token('session', account.id, NULL, NULL,
            now() + make_interval(secs => s.session_max_seconds), s.session_idle_seconds);
        PERFORM audit_as(issued.token, 'login_succeeded', account.id, jsonb_build_object('channel', channel));
    ELSE
        SELECT * INTO issued FROM new_token('basic', account.id, NULL, NULL, now() + interval '10 minutes', NULL);
    END IF;
    RETURN QUERY SELECT issued.token, account.id, account.username, account.display_name, account.role::text;
END
$$;
REVOKE ALL ON FUNCTION login_password(text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION login_password(text, text, text, text) TO vpflow_user;

-- Who a presented token proves, for the web layer at the start of a request; a session's last
-- use is kept (at most once a minute), which its idle limit counts from. Operator and
-- single-request tokens are not for HTTP.
CREATE FUNCTION authenticate(p_token text)
    RETURNS TABLE (user_id uuid, username text, display_name text, role text, kind text)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    found_identity record;
BEGIN
    SELECT * INTO found_identity FROM token_identity(p_token) i WHERE i.kind IN ('session', 'api', 'feed');
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF found_identity.last_used_at < now() - interval '1 minute' THEN
        UPDATE access_tokens SET last_used_at = now() WHERE id = found_identity.token_id;
    END IF;
    RETURN QUERY SELECT found_identity.user_id, found_identity.username, found_identity.display_name,
                        found_identity.user_role, found_identity.kind;
END
$$;
REVOKE ALL ON FUNCTION authenticate(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION authenticate(text) TO vpflow_user;

-- Ends a session (signing out, audited as its user) or a single request's token.
CREATE FUNCTION end_session(p_token text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    t access_tokens%ROWTYPE;
BEGIN
    SELECT * INTO t FROM access_tokens
    WHERE token_hash = sha256(convert_to(coalesce(p_token, ''), 'UTF8')) AND kind IN ('session', 'basic');
    IF NOT FOUND THEN
        RETURN;
    END IF;
    IF t.kind = 'basic' THEN
        DELETE FROM access_tokens WHERE id = t.id;
        RETURN;
    END IF;
    IF EXISTS (SELECT FROM token_identity(p_token)) THEN
        PERFORM audit_as(p_token, 'logout', t.user_id,
            jsonb_build_object('channel', coalesce(current_setting('vpflow.channel', true), 'web')));
    END IF;
    UPDATE access_tokens SET revoked_at = now() WHERE id = t.id AND revoked_at IS NULL;
END
$$;
REVOKE ALL ON FUNCTION end_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION end_session(text) TO vpflow_user;

-- The server or the command line acting for the system with a role's rights (start-up, demo data,
-- governance, the operator's commands). Only the owner may call this: it holds the database.
CREATE FUNCTION issue_operator_token(p_role app_role, p_seconds integer) RETURNS text
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT n.token FROM vpflow.new_token('operator', NULL, p_role, NULL,
                                         now() + make_interval(secs => p_seconds), NULL) n
$$;
REVOKE ALL ON FUNCTION issue_operator_token(app_role, integer) FROM PUBLIC;

-- Removes tokens that can never prove anyone again (owner, at start-up).
CREATE FUNCTION purge_access_tokens() RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    WITH gone AS (
        DELETE FROM vpflow.access_tokens t
        WHERE (t.kind IN ('session', 'basic', 'operator')
               AND (t.revoked_at IS NOT NULL OR t.expires_at < now()
                    OR t.last_used_at < now() - make_interval(secs => coalesce(t.idle_seconds, 0))
                                          - interval '1 day'))
        RETURNING 1)
    SELECT count(*) FROM gone
$$;
REVOKE ALL ON FUNCTION purge_access_tokens() FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- A user's own tokens. Only someone who proved the password (a session, a script's request) makes
-- new ones: a stolen API or feed token cannot make itself a successor.
CREATE FUNCTION create_api_token(p_name text, p_expires_at timestamptz)
    RETURNS TABLE (id uuid, token text, created_at timestamptz, expires_at timestamptz)
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
    issued record;
    name text := btrim(coalesce(p_name, ''));
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind NOT IN ('session', 'basic') THEN
        RAISE EXCEPTION 'personal access tokens are made by a signed-in user' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF char_length(name) NOT BETWEEN 1 AND 100 THEN
        RAISE EXCEPTION 'a token''s name has 1 to 100 characters' USING ERRCODE = '22023';
    END IF;
    IF p_expires_at IS NOT NULL AND p_expires_at <= now() THEN
        RAISE EXCEPTION 'a token expires in the future' USING ERRCODE = '22023';
    END IF;
    SELECT * INTO issued FROM new_token('api', me.user_id, NULL, name, p_expires_at, NULL);
    PERFORM audit_as(current_setting('vpflow.token', true), 'api_token_created', me.user_id,
        jsonb_build_object('token_id', issued.id, 'name', name, 'expires_at', p_expires_at,
                           'channel', coalesce(current_setting('vpflow.channel', true), 'web')));
    RETURN QUERY SELECT t.id, issued.token, t.created_at, t.expires_at FROM access_tokens t WHERE t.id = issued.id;
END
$$;
REVOKE ALL ON FUNCTION create_api_token(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION create_api_token(text, timestamptz) TO vpflow_user;

CREATE FUNCTION list_api_tokens()
    RETURNS TABLE (id uuid, name text, created_at timestamptz, expires_at timestamptz, last_used_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT t.id, t.name, t.created_at, t.expires_at, t.last_used_at
    FROM vpflow.access_tokens t
    WHERE t.user_id = (SELECT i.user_id FROM vpflow.acting_identity() i WHERE i.kind <> 'feed')
      AND t.kind = 'api' AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
    ORDER BY t.created_at DESC, t.id
$$;
REVOKE ALL ON FUNCTION list_api_tokens() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION list_api_tokens() TO vpflow_user;

CREATE FUNCTION revoke_api_token(p_id uuid) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
    revoked_name text;
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind = 'feed' THEN
        RETURN false;
    END IF;
    UPDATE access_tokens t SET revoked_at = now()
    WHERE t.id = p_id AND t.user_id = me.user_id AND t.kind = 'api' AND t.revoked_at IS NULL
    RETURNING t.name INTO revoked_name;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    PERFORM audit_as(current_setting('vpflow.token', true), 'api_token_revoked', me.user_id,
        jsonb_build_object('token_id', p_id, 'name', revoked_name,
                           'channel', coalesce(current_setting('vpflow.channel', true), 'web')));
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION revoke_api_token(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION revoke_api_token(uuid) TO vpflow_user;

-- The calendar feed's private address: a new one ends the old one.
CREATE FUNCTION rotate_feed_token() RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    me record;
    issued record;
BEGIN
    SELECT * INTO me FROM acting_identity();
    IF me.user_id IS NULL OR me.kind NOT IN ('session', 'basic') OR me.role NOT IN ('vp', 'secretary') THEN
        RAISE EXCEPTION 'a calendar feed is made by a signed-in Vice President or secretary'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE access_tokens SET revoked_at = now() WHERE user_id = me.user_id AND kind = 'feed' AND revoked_at IS NULL;
    SELECT * INTO issued FROM new_token('feed', me.user_id, NULL, NULL, NULL, NULL);
    PERFORM audit_as(current_setting('vpflow.token', true), 'feed_token_rotated', me.user_id,
        jsonb_build_object('token_id', issued.id,
                           'channel', coalesce(current_setting('vpflow.channel', true), 'web')));
    RETURN issued.token;
END
$$;
REVOKE ALL ON FUNCTION rotate_feed_token() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rotate_feed_token() TO vpflow_user;

CREATE FUNCTION feed_token_status() RETURNS TABLE (created_at timestamptz, last_used_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    SELECT t.created_at, t.last_used_at FROM vpflow.access_tokens t
    WHERE t.user_id = (SELECT i.user_id FROM vpflow.acting_identity() i WHERE i.kind <> 'feed')
      AND t.kind = 'feed' AND t.revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION feed_token_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION feed_token_status() TO vpflow_user;

-- ---------------------------------------------------------------------------------------------
-- Accounts: the administrator creates them and sets passwords, which are hashed here; nobody
-- reads a hash through the application.
CREATE FUNCTION create_user(p_username text, p_display_name text, p_role app_role, p_password text) RETURNS uuid
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    made uuid;
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'only the administrator creates accounts' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO users (username, display_name, role, password_hash)
    VALUES (p_username, p_display_name, p_role, hash_password(p_password, p_username))
    RETURNING id INTO made;
    RETURN made;
END
$$;
REVOKE ALL ON FUNCTION create_user(text, text, app_role, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION create_user(text, text, app_role, text) TO vpflow_user;

CREATE FUNCTION set_password(p_user uuid, p_password text) RETURNS boolean
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    name text;
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'only the administrator sets a password' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT username INTO name FROM users WHERE id = p_user;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    -- a new password also lifts any lock; the users_end_tokens trigger ends every token
    UPDATE users SET password_hash = hash_password(p_password, name), failed_logins = 0, locked_until = NULL
    WHERE id = p_user;
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION set_password(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION set_password(uuid, text) TO vpflow_user;

-- Taking access away takes effect at once, whoever does it and however: a disabled account, a
-- new password or another role ends every session and token of the account.
CREATE FUNCTION users_end_tokens() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF NEW.password_hash IS DISTINCT FROM OLD.password_hash OR NEW.role IS DISTINCT FROM OLD.role
       OR (OLD.is_active AND NOT NEW.is_active) THEN
        UPDATE access_tokens SET revoked_at = now() WHERE user_id = NEW.id AND revoked_at IS NULL;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION users_end_tokens() FROM PUBLIC;
CREATE TRIGGER users_end_tokens AFTER UPDATE OF password_hash, role, is_active ON users
    FOR EACH ROW EXECUTE FUNCTION users_end_tokens();

-- ---------------------------------------------------------------------------------------------
-- The v1.0 tables: the office roles' grants and policies move to vpflow_user, each policy asking
-- the proven role. What the matrix says each role may do stays as it was (docs/rls-matrix.md).
-- (SELECT current_app_role()) is evaluated once per statement, not once per row.

REVOKE ALL ON users FROM vpflow_vp, vpflow_secretary, vpflow_admin, vpflow_login;
GRANT SELECT (id, username, display_name, role, is_active, created_at) ON users TO vpflow_user;
GRANT UPDATE (display_name, is_active) ON users TO vpflow_user;
ALTER POLICY users_read ON users TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary', 'admin'));
ALTER POLICY users_admin_update ON users TO vpflow_user
    USING ((SELECT current_app_role()) = 'admin') WITH CHECK ((SELECT current_app_role()) = 'admin');
DROP POLICY users_admin_insert ON users;
DROP POLICY users_login_update ON users;

REVOKE ALL ON audit_logs FROM vpflow_vp, vpflow_secretary, vpflow_admin, vpflow_login;
REVOKE ALL ON audit_event_types FROM vpflow_vp, vpflow_secretary, vpflow_admin;
GRANT SELECT ON audit_event_types TO vpflow_user;
ALTER POLICY audit_event_types_read ON audit_event_types TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary', 'admin'));
GRANT INSERT (event_type, entity_type, entity_id, details), SELECT ON audit_logs TO vpflow_user;
ALTER POLICY audit_logs_insert ON audit_logs TO vpflow_user
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary', 'admin'));
DROP POLICY audit_logs_login_insert ON audit_logs;
ALTER POLICY audit_logs_vp_read ON audit_logs TO vpflow_user USING ((SELECT current_app_role()) = 'vp');
ALTER POLICY audit_logs_admin_read ON audit_logs TO vpflow_user
    USING ((SELECT current_app_role()) = 'admin' AND entity_type IN ('user', 'system'));
ALTER POLICY audit_logs_secretary_own ON audit_logs TO vpflow_user
    USING ((SELECT current_app_role()) = 'secretary' AND entity_type = 'user'
           AND entity_id = (SELECT current_user_id()));
ALTER POLICY audit_logs_guest_read ON audit_logs TO vpflow_user
    USING ((SELECT current_app_role()) = 'secretary' AND entity_type = 'guest'
           AND EXISTS (SELECT FROM guests g WHERE g.id = entity_id));
ALTER POLICY audit_logs_appointment_read ON audit_logs TO vpflow_user
    USING ((SELECT current_app_role()) = 'secretary' AND entity_type = 'appointment'
           AND EXISTS (SELECT FROM appointments a WHERE a.id = entity_id));
ALTER POLICY audit_logs_case_read ON audit_logs TO vpflow_user
    USING ((SELECT current_app_role()) = 'secretary' AND entity_type = 'case'
           AND EXISTS (SELECT FROM cases c WHERE c.id = entity_id));

REVOKE ALL ON guests FROM vpflow_vp, vpflow_secretary;
GRANT SELECT ON guests TO vpflow_user;
GRANT INSERT (full_name, honorific, organisation, position, email, phone, notes) ON guests TO vpflow_user;
GRANT UPDATE (full_name, honorific, organisation, position, email, phone, notes, archived_at, archived_by)
    ON guests TO vpflow_user;
-- the calendar feed names the guest of each appointment
ALTER POLICY guests_office_read ON guests TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary', 'feed'));
ALTER POLICY guests_office_insert ON guests TO vpflow_user
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary'));
ALTER POLICY guests_office_update ON guests TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary'))
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary'));

REVOKE ALL ON appointments FROM vpflow_vp, vpflow_secretary;
GRANT SELECT ON appointments TO vpflow_user;
GRANT INSERT (guest_id, subject, purpose, location, starts_at, ends_at, status) ON appointments TO vpflow_user;
GRANT UPDATE (guest_id, subject, purpose, location, starts_at, ends_at, status, status_reason)
    ON appointments TO vpflow_user;
ALTER POLICY appointments_office_read ON appointments TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary', 'feed'));
ALTER POLICY appointments_office_insert ON appointments TO vpflow_user
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary') AND status IN ('requested', 'scheduled'));
ALTER POLICY appointments_office_update ON appointments TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary'))
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary'));

REVOKE ALL ON case_state_transitions FROM vpflow_vp, vpflow_secretary;
GRANT SELECT ON case_state_transitions TO vpflow_user;
ALTER POLICY case_state_transitions_read ON case_state_transitions TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary'));

REVOKE ALL ON cases FROM vpflow_vp, vpflow_secretary;
GRANT SELECT ON cases TO vpflow_user;
GRANT INSERT (title, description, guest_id, appointment_id, priority, due_date) ON cases TO vpflow_user;
GRANT UPDATE (title, description, guest_id, appointment_id, priority, due_date, state,
              resolution, closed_at, closed_by) ON cases TO vpflow_user;
ALTER POLICY cases_office_read ON cases TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary'));
ALTER POLICY cases_office_insert ON cases TO vpflow_user
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary') AND state = 'open');
ALTER POLICY cases_vp_update ON cases TO vpflow_user
    USING ((SELECT current_app_role()) = 'vp') WITH CHECK ((SELECT current_app_role()) = 'vp');
ALTER POLICY cases_secretary_update ON cases TO vpflow_user
    USING ((SELECT current_app_role()) = 'secretary' AND state <> 'closed')
    WITH CHECK ((SELECT current_app_role()) = 'secretary' AND state <> 'closed');

-- Resolution and closing were the Vice President's by column grants, which cannot ask for the
-- proven role; this trigger keeps them his, with the same refusal (42501). Its name sorts first,
-- so it speaks before the workflow's own rules.
CREATE FUNCTION cases_closing_columns() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF (NEW.resolution, NEW.closed_at, NEW.closed_by) IS DISTINCT FROM (OLD.resolution, OLD.closed_at, OLD.closed_by)
       AND current_app_role() NOT IN ('vp', 'system') THEN
        RAISE EXCEPTION 'only the Vice President records the closing of a case'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cases_closing_columns BEFORE UPDATE OF resolution, closed_at, closed_by ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_closing_columns();

-- Checking the audit chain is for the Vice President, the administrator and the system.
CREATE OR REPLACE FUNCTION audit_verify()
    RETURNS TABLE (valid boolean, checked bigint, broken_seq bigint, broken_id uuid,
                   broken_event_type text, broken_occurred_at timestamptz, reason text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    total bigint;
    head  audit_chain_head%ROWTYPE;
    last  audit_logs%ROWTYPE;
BEGIN
    IF current_app_role() NOT IN ('vp', 'admin', 'system') THEN
        RAISE EXCEPTION 'checking the audit log is for the Vice President and the administrator'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT count(*) INTO total FROM audit_logs;
    RETURN QUERY
        WITH chain AS (
            SELECT a.seq, a.id, a.event_type, a.occurred_at, a.hash, a.prev_hash,
                   audit_row_hash(a.prev_hash, a.seq, a.occurred_at, a.actor_id, a.actor_role,
                                  a.event_type, a.entity_type, a.entity_id, a.details) AS recomputed,
                   lag(a.seq) OVER w  AS prior_seq,
                   lag(a.hash) OVER w AS prior_hash
            FROM audit_logs a
            WINDOW w AS (ORDER BY a.seq)
        )
        SELECT false, total,
               CASE WHEN c.seq <> coalesce(c.prior_seq, 0) + 1 THEN coalesce(c.prior_seq, 0) + 1 ELSE c.seq END,
               CASE WHEN c.seq <> coalesce(c.prior_seq, 0) + 1 THEN NULL ELSE c.id END,
               CASE WHEN c.seq <> coalesce(c.prior_seq, 0) + 1 THEN NULL ELSE c.event_type END,
               CASE WHEN c.seq <> coalesce(c.prior_seq, 0) + 1 THEN NULL ELSE c.occurred_at END,
               CASE
                   WHEN c.seq <> coalesce(c.prior_seq, 0) + 1 THEN 'row_missing'
                   WHEN c.recomputed <> c.hash THEN 'content_changed'
                   ELSE 'chain_broken'
               END
        FROM chain c
        WHERE c.seq <> coalesce(c.prior_seq, 0) + 1
           OR c.recomputed <> c.hash
           OR c.prev_hash <> coalesce(c.prior_hash, audit_genesis_hash())
        ORDER BY c.seq
        LIMIT 1;
    IF FOUND THEN
        RETURN;
    END IF;
    SELECT * INTO head FROM audit_chain_head WHERE singleton;
    SELECT * INTO last FROM audit_logs ORDER BY seq DESC LIMIT 1;
    IF coalesce(last.seq, 0) <> head.seq OR coalesce(last.hash, audit_genesis_hash()) <> head.hash THEN
        RETURN QUERY SELECT false, total, coalesce(last.seq, 0) + 1, NULL::uuid, NULL::text,
                            NULL::timestamptz, 'row_missing'::text;
        RETURN;
    END IF;
    RETURN QUERY SELECT true, total, NULL::bigint, NULL::uuid, NULL::text, NULL::timestamptz, NULL::text;
END
$$;
REVOKE ALL ON FUNCTION audit_verify() FROM PUBLIC, vpflow_vp, vpflow_admin;
GRANT EXECUTE ON FUNCTION audit_verify() TO vpflow_user;

-- Web sessions are tokens now (access_tokens, kind 'session'); their old store goes with its rows.
DROP TABLE spring_session_attributes;
DROP TABLE spring_session;

-- Every trigger function reads its tables on a pinned path, so no temporary table shadows one.
ALTER FUNCTION refuse_delete() SET search_path = vpflow, pg_temp;
ALTER FUNCTION touch_row() SET search_path = vpflow, pg_temp;
ALTER FUNCTION secure_table(regclass) SET search_path = vpflow, pg_temp;
ALTER FUNCTION audit_logs_refuse_change() SET search_path = vpflow, pg_temp;
ALTER FUNCTION appointments_status_rules() SET search_path = vpflow, pg_temp;
ALTER FUNCTION cases_state_rules() SET search_path = vpflow, pg_temp;

-- ---------------------------------------------------------------------------------------------
-- The same for the v1.1-A plan's objects, whenever they exist: now on a database that has the
-- plan, after each later migration otherwise (SchemaMigrator's callback). It asks whether each
-- object still has its v1.0-style form, so it changes nothing the second time.
CREATE FUNCTION apply_verified_identity() RETURNS void
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF to_regclass('vpflow.documents') IS NOT NULL AND EXISTS (
            SELECT FROM pg_policies WHERE schemaname = 'vpflow' AND tablename = 'documents'
              AND policyname = 'documents_vp_read' AND NOT 'vpflow_user' = ANY (roles)) THEN
        REVOKE ALL ON documents FROM vpflow_vp, vpflow_secretary;
        GRANT SELECT ON documents TO vpflow_user;
        GRANT INSERT (title, description, file_path, file_type, file_size, owner_role) ON documents TO vpflow_user;
        GRANT UPDATE (is_active) ON documents TO vpflow_user;
        ALTER POLICY documents_vp_read ON documents TO vpflow_user USING ((SELECT current_app_role()) = 'vp');
        ALTER POLICY documents_secretary_read ON documents TO vpflow_user
            USING ((SELECT current_app_role()) = 'secretary' AND owner_role = 'secretary');
        ALTER POLICY documents_office_insert ON documents TO vpflow_user
            WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary')
                        AND owner_role::text = (SELECT current_app_role())
                        AND created_by = (SELECT current_user_id()) AND is_active);
        ALTER POLICY documents_vp_deactivate ON documents TO vpflow_user
            USING ((SELECT current_app_role()) = 'vp') WITH CHECK ((SELECT current_app_role()) = 'vp');
        ALTER POLICY documents_secretary_deactivate ON documents TO vpflow_user
            USING ((SELECT current_app_role()) = 'secretary' AND owner_role = 'secretary')
            WITH CHECK ((SELECT current_app_role()) = 'secretary' AND owner_role = 'secretary');
        ALTER FUNCTION documents_immutable() SET search_path = vpflow, pg_temp;
    END IF;
    IF to_regclass('vpflow.document_links') IS NOT NULL AND EXISTS (
            SELECT FROM pg_policies WHERE schemaname = 'vpflow' AND tablename = 'document_links'
              AND policyname = 'document_links_office_read' AND NOT 'vpflow_user' = ANY (roles)) THEN
        REVOKE ALL ON document_links FROM vpflow_vp, vpflow_secretary;
        GRANT SELECT ON document_links TO vpflow_user;
        GRANT INSERT (document_id, entity_type, entity_id) ON document_links TO vpflow_user;
        ALTER POLICY document_links_office_read ON document_links TO vpflow_user
            USING ((SELECT current_app_role()) IN ('vp', 'secretary')
                   AND EXISTS (SELECT FROM documents d WHERE d.id = document_id));
        ALTER POLICY document_links_office_insert ON document_links TO vpflow_user
            WITH CHECK (
                (SELECT current_app_role()) IN ('vp', 'secretary')
                AND linked_by = (SELECT current_user_id())
                AND EXISTS (SELECT FROM documents d WHERE d.id = document_id AND d.is_active)
                AND CASE entity_type
                    WHEN 'guest' THEN EXISTS (SELECT FROM guests g WHERE g.id = entity_id)
                    WHEN 'appointment' THEN EXISTS (SELECT FROM appointments a WHERE a.id = entity_id)
                    WHEN 'case' THEN EXISTS (SELECT FROM cases c WHERE c.id = entity_id)
                    ELSE entity_id IS NULL
                END);
    END IF;
    IF EXISTS (SELECT FROM pg_policies WHERE schemaname = 'vpflow' AND tablename = 'audit_logs'
                 AND policyname = 'audit_logs_document_read' AND NOT 'vpflow_user' = ANY (roles)) THEN
        ALTER POLICY audit_logs_document_read ON audit_logs TO vpflow_user
            USING ((SELECT current_app_role()) = 'secretary' AND entity_type = 'document'
                   AND EXISTS (SELECT FROM documents d WHERE d.id = entity_id));
    END IF;
    IF to_regprocedure('vpflow.cases_reopen_rules()') IS NOT NULL AND NOT EXISTS (
            SELECT FROM pg_proc p WHERE p.oid = to_regprocedure('vpflow.cases_reopen_rules()')
              AND p.proconfig IS NOT NULL) THEN
        ALTER FUNCTION cases_reopen_rules() SET search_path = vpflow, pg_temp;
    END IF;
END
$$;
REVOKE ALL ON FUNCTION apply_verified_identity() FROM PUBLIC;

SELECT apply_verified_identity();
