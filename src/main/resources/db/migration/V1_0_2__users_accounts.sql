-- Why: the accounts of the three roles of DESIGN.md section 1. Usernames are unique without
-- regard to case; passwords are stored only as adaptive hashes; accounts are disabled, never deleted.
CREATE TABLE users (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    username      text        NOT NULL,
    display_name  text        NOT NULL,
    role          app_role    NOT NULL,
    password_hash text        NOT NULL,
    is_active     boolean     NOT NULL DEFAULT true,
    failed_logins integer     NOT NULL DEFAULT 0,
    locked_until  timestamptz,
    last_login_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    uuid                 DEFAULT current_user_id(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    uuid,
    version       integer     NOT NULL DEFAULT 0,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_username_format CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$'),
    CONSTRAINT users_display_name_length CHECK (char_length(btrim(display_name)) BETWEEN 1 AND 200),
    CONSTRAINT users_failed_logins_non_negative CHECK (failed_logins >= 0)
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- login counters are bookkeeping, not edits: only changes to the account itself count as one
CREATE TRIGGER users_touch BEFORE UPDATE OF username, display_name, role, password_hash, is_active ON users
    FOR EACH ROW EXECUTE FUNCTION touch_row();
SELECT secure_table('users');

-- Column grants keep password hashes away from every role but the login check.
GRANT SELECT (id, username, display_name, role, is_active, created_at)
    ON users TO vpflow_vp, vpflow_secretary;
GRANT SELECT (id, username, display_name, role, is_active, failed_logins, locked_until, last_login_at,
              created_at, created_by, updated_at, updated_by, version)
    ON users TO vpflow_admin;
GRANT INSERT (username, display_name, role, password_hash) ON users TO vpflow_admin;
GRANT UPDATE (display_name, password_hash, is_active, failed_logins, locked_until) ON users TO vpflow_admin;
GRANT SELECT ON users TO vpflow_login;
GRANT UPDATE (failed_logins, locked_until, last_login_at) ON users TO vpflow_login;

CREATE POLICY users_read ON users FOR SELECT
    TO vpflow_vp, vpflow_secretary, vpflow_admin, vpflow_login USING (true);
CREATE POLICY users_admin_insert ON users FOR INSERT TO vpflow_admin WITH CHECK (true);
CREATE POLICY users_admin_update ON users FOR UPDATE TO vpflow_admin USING (true) WITH CHECK (true);
CREATE POLICY users_login_update ON users FOR UPDATE TO vpflow_login USING (true) WITH CHECK (true);
