-- Why: every VP-Flow object lives in the schema `vpflow`. The application's login role owns
-- nothing; each request switches to one of these per-request roles (SET LOCAL ROLE), so grants
-- and row-level security decide what a request may see and change (DESIGN.md section 4).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vpflow_vp') THEN
        CREATE ROLE vpflow_vp NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vpflow_secretary') THEN
        CREATE ROLE vpflow_secretary NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vpflow_admin') THEN
        CREATE ROLE vpflow_admin NOLOGIN;
    END IF;
    -- used only while a login is checked: reads accounts, counts failures, audits the attempt
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vpflow_login') THEN
        CREATE ROLE vpflow_login NOLOGIN;
    END IF;
END
$$;

REVOKE ALL ON SCHEMA vpflow FROM PUBLIC;
GRANT USAGE ON SCHEMA vpflow TO vpflow_vp, vpflow_secretary, vpflow_admin, vpflow_login;

CREATE TYPE app_role AS ENUM ('vp', 'secretary', 'admin');

-- The acting user and role of the current transaction, set by the application with
-- set_config(..., true). Policies and triggers read only these.
CREATE FUNCTION current_user_id() RETURNS uuid
    LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('vpflow.user_id', true), '')::uuid $$;

CREATE FUNCTION current_app_role() RETURNS text
    LANGUAGE sql STABLE
AS $$ SELECT coalesce(nullif(current_setting('vpflow.role', true), ''), 'system') $$;

-- Nothing is ever hard-deleted: a row trigger refuses DELETE and a statement trigger TRUNCATE,
-- for every role including the owner.
CREATE FUNCTION refuse_delete() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are never deleted', TG_TABLE_NAME
        USING ERRCODE = 'VPF01', HINT = 'archive, cancel or deactivate the record instead';
END
$$;

-- Enables and forces row-level security on a table, gives the migrating owner (and only it)
-- a policy that sees every row (restore points and validation read whole tables), and
-- installs the no-delete triggers.
CREATE FUNCTION secure_table(tbl regclass) RETURNS void
    LANGUAGE plpgsql
AS $$
DECLARE
    name text := (SELECT relname FROM pg_class WHERE oid = tbl);
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('CREATE POLICY %I ON %s TO CURRENT_USER USING (true) WITH CHECK (true)',
                   name || '_owner_maintenance', tbl);
    EXECUTE format('CREATE TRIGGER %I BEFORE DELETE ON %s FOR EACH ROW EXECUTE FUNCTION refuse_delete()',
                   name || '_no_delete', tbl);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete()',
                   name || '_no_truncate', tbl);
END
$$;
REVOKE ALL ON FUNCTION secure_table(regclass) FROM PUBLIC;

-- Keeps version, updated_at and updated_by honest on every edit, whoever writes.
CREATE FUNCTION touch_row() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    NEW.updated_by := current_user_id();
    RETURN NEW;
END
$$;
