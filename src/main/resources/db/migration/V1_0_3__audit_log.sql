-- Why: the audit log nobody can alter (DESIGN.md section 2). Rows are only ever inserted; a
-- trigger numbers them, stamps the acting user from the transaction's settings and chains each
-- row's SHA-256 to the previous one, so that audit_verify() proves nothing was changed, removed
-- or inserted out of order. The chain head is kept apart so that removing the newest rows shows too.
CREATE TABLE audit_event_types (
    code          text NOT NULL,
    introduced_in text NOT NULL,
    description   text NOT NULL,
    CONSTRAINT audit_event_types_pkey PRIMARY KEY (code),
    CONSTRAINT audit_event_types_code_format CHECK (code ~ '^[a-z][a-z0-9_]{1,62}$')
);

INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('login_succeeded',        '1.0', 'a user signed in'),
    ('login_failed',           '1.0', 'a sign-in was refused'),
    ('logout',                 '1.0', 'a user signed out'),
    ('user_created',           '1.0', 'an account was created'),
    ('user_disabled',          '1.0', 'an account was disabled'),
    ('user_password_changed',  '1.0', 'an account''s password was changed'),
    ('guest_created',          '1.0', 'a guest was registered'),
    ('guest_updated',          '1.0', 'a guest was edited'),
    ('guest_archived',         '1.0', 'a guest was archived'),
    ('appointment_created',    '1.0', 'an appointment was requested or booked'),
    ('appointment_updated',    '1.0', 'an appointment was edited'),
    ('appointment_rescheduled','1.0', 'an appointment was moved to another time'),
    ('appointment_cancelled',  '1.0', 'an appointment was cancelled'),
    ('appointment_checked_in', '1.0', 'a guest arrived for an appointment'),
    ('appointment_completed',  '1.0', 'an appointment took place'),
    ('appointment_no_show',    '1.0', 'a guest did not come'),
    ('case_created',           '1.0', 'a case was opened'),
    ('case_updated',           '1.0', 'a case was edited'),
    ('case_state_changed',     '1.0', 'a case moved between open and in progress'),
    ('case_closed',            '1.0', 'a case was closed'),
    ('migration_run',          '1.0', 'a governed migration plan was run'),
    ('restore_point_created',  '1.0', 'a restore point was made'),
    ('restore_point_restored', '1.0', 'the database was restored to a restore point'),
    ('demo_data_seeded',       '1.0', 'the demonstration data was loaded');

CREATE TABLE audit_logs (
    id          uuid        NOT NULL DEFAULT gen_random_uuid(),
    seq         bigint      NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_id    uuid,
    actor_role  text        NOT NULL,
    event_type  text        NOT NULL,
    entity_type text        NOT NULL,
    entity_id   uuid,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    prev_hash   bytea       NOT NULL,
    hash        bytea       NOT NULL,
    CONSTRAINT audit_logs_pkey PRIMARY KEY (id),
    CONSTRAINT audit_logs_seq_key UNIQUE (seq),
    CONSTRAINT audit_logs_event_type_fkey FOREIGN KEY (event_type) REFERENCES audit_event_types (code),
    CONSTRAINT audit_logs_actor_fkey FOREIGN KEY (actor_id) REFERENCES users (id),
    CONSTRAINT audit_logs_actor_role_known CHECK (actor_role IN ('vp', 'secretary', 'admin', 'system')),
    CONSTRAINT audit_logs_entity_type_format CHECK (entity_type ~ '^[a-z][a-z_]{1,30}$'),
    CONSTRAINT audit_logs_details_object CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX audit_logs_entity_idx ON audit_logs (entity_type, entity_id, seq);
CREATE INDEX audit_logs_occurred_idx ON audit_logs (occurred_at);
CREATE INDEX audit_logs_actor_idx ON audit_logs (actor_id, seq);

CREATE TABLE audit_chain_head (
    singleton boolean     NOT NULL DEFAULT true,
    seq       bigint      NOT NULL,
    hash      bytea       NOT NULL,
    CONSTRAINT audit_chain_head_pkey PRIMARY KEY (singleton),
    CONSTRAINT audit_chain_head_singleton CHECK (singleton)
);

CREATE FUNCTION audit_genesis_hash() RETURNS bytea
    LANGUAGE sql IMMUTABLE
AS $$ SELECT sha256(convert_to('VP-Flow audit log genesis', 'UTF8')) $$;

INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (true, 0, audit_genesis_hash());

-- The one definition of what a row's hash covers; the trigger and the verifier both use it.
CREATE FUNCTION audit_row_hash(prev_hash bytea, seq bigint, occurred_at timestamptz, actor_id uuid,
                               actor_role text, event_type text, entity_type text, entity_id uuid,
                               details jsonb) RETURNS bytea
    LANGUAGE sql IMMUTABLE
AS $$
    SELECT sha256(prev_hash || convert_to(concat_ws('|',
        seq::text,
        (extract(epoch FROM occurred_at) * 1000000)::bigint::text,
        coalesce(actor_id::text, '-'),
        actor_role, event_type, entity_type,
        coalesce(entity_id::text, '-'),
        details::text), 'UTF8'))
$$;

CREATE FUNCTION audit_logs_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    head audit_chain_head%ROWTYPE;
BEGIN
    -- the row lock on the head serialises writers, so numbering and chaining follow commit order
    SELECT * INTO head FROM audit_chain_head WHERE singleton FOR UPDATE;
    NEW.seq := head.seq + 1;
    NEW.occurred_at := clock_timestamp();
    NEW.actor_id := current_user_id();
    NEW.actor_role := current_app_role();
    NEW.prev_hash := head.hash;
    NEW.hash := audit_row_hash(NEW.prev_hash, NEW.seq, NEW.occurred_at, NEW.actor_id, NEW.actor_role,
                               NEW.event_type, NEW.entity_type, NEW.entity_id, NEW.details);
    UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE singleton;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION audit_logs_chain() FROM PUBLIC;

CREATE FUNCTION audit_logs_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'VPF02';
END
$$;

CREATE TRIGGER audit_logs_chain BEFORE INSERT ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_logs_chain();
CREATE TRIGGER audit_logs_no_update BEFORE UPDATE ON audit_logs
    FOR EACH ROW EXECUTE FUNCTION audit_logs_refuse_change();
CREATE TRIGGER audit_chain_head_guard BEFORE DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_logs_refuse_change();
SELECT secure_table('audit_logs');
SELECT secure_table('audit_event_types');
SELECT secure_table('audit_chain_head');

GRANT SELECT ON audit_event_types TO vpflow_vp, vpflow_secretary, vpflow_admin;
CREATE POLICY audit_event_types_read ON audit_event_types FOR SELECT
    TO vpflow_vp, vpflow_secretary, vpflow_admin USING (true);

-- Writers name only what happened; who, when, order and hashes come from the trigger.
GRANT INSERT (event_type, entity_type, entity_id, details) ON audit_logs
    TO vpflow_vp, vpflow_secretary, vpflow_admin, vpflow_login;
GRANT SELECT ON audit_logs TO vpflow_vp, vpflow_secretary, vpflow_admin;

CREATE POLICY audit_logs_insert ON audit_logs FOR INSERT
    TO vpflow_vp, vpflow_secretary, vpflow_admin WITH CHECK (true);
CREATE POLICY audit_logs_login_insert ON audit_logs FOR INSERT
    TO vpflow_login WITH CHECK (event_type IN ('login_succeeded', 'login_failed'));
CREATE POLICY audit_logs_vp_read ON audit_logs FOR SELECT TO vpflow_vp USING (true);
-- the operator reads what concerns accounts and the system, never guest or case content
CREATE POLICY audit_logs_admin_read ON audit_logs FOR SELECT TO vpflow_admin
    USING (entity_type IN ('user', 'system'));
-- a secretary reads her own account's events; policies for records she can see follow their tables
CREATE POLICY audit_logs_secretary_own ON audit_logs FOR SELECT TO vpflow_secretary
    USING (entity_type = 'user' AND entity_id = current_user_id());

-- Recomputes the whole chain. Runs as the owner so that the result covers rows the caller may
-- not read; it returns only where the chain breaks, never content.
CREATE FUNCTION audit_verify()
    RETURNS TABLE (valid boolean, checked bigint, broken_seq bigint, broken_id uuid,
                   broken_event_type text, broken_occurred_at timestamptz, reason text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    total bigint;
    head  audit_chain_head%ROWTYPE;
    last  audit_logs%ROWTYPE;
BEGIN
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
    -- the chain is whole; it must also end where the head says, or its newest rows were removed
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
REVOKE ALL ON FUNCTION audit_verify() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_verify() TO vpflow_vp, vpflow_admin;
