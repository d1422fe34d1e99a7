-- Why: v1.1-A (migration plan section 5.1, DESIGN.md section 3) stores documents as immutable
-- records. Only the seed's columns: the content itself lives in the document store, addressed by
-- file_path. A document belongs to the role that uploaded it; a `vp` document is invisible to
-- secretaries. The only change ever allowed is deactivation (is_active true -> false); nobody,
-- the owner included, deletes a document.
CREATE TYPE document_owner_role AS ENUM ('vp', 'secretary');

CREATE TABLE documents (
    id          uuid                NOT NULL DEFAULT gen_random_uuid(),
    title       text                NOT NULL,
    description text,
    file_path   text                NOT NULL,
    file_type   text                NOT NULL,
    file_size   bigint              NOT NULL,
    owner_role  document_owner_role NOT NULL,
    created_by  uuid                NOT NULL DEFAULT current_user_id(),
    created_at  timestamptz         NOT NULL DEFAULT now(),
    is_active   boolean             NOT NULL DEFAULT true,
    CONSTRAINT documents_pkey PRIMARY KEY (id),
    CONSTRAINT documents_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT documents_title_length CHECK (char_length(btrim(title)) BETWEEN 1 AND 200),
    CONSTRAINT documents_description_length CHECK (char_length(description) <= 4000),
    -- a storage reference made by the server: relative, no way out of the store
    CONSTRAINT documents_file_path_relative CHECK (char_length(file_path) BETWEEN 1 AND 500
        AND file_path !~ '^/' AND file_path !~ '(^|/)\.\.(/|$)'),
    CONSTRAINT documents_file_type_mime CHECK (file_type ~ '^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(;.*)?$'
        AND char_length(file_type) <= 255),
    CONSTRAINT documents_file_size_non_negative CHECK (file_size >= 0)
);
CREATE INDEX documents_created_idx ON documents (created_at DESC, id);
CREATE INDEX documents_created_by_idx ON documents (created_by);

-- The record is immutable: the database refuses every change but deactivation, for every role.
CREATE FUNCTION documents_immutable() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF (NEW.id, NEW.title, NEW.description, NEW.file_path, NEW.file_type, NEW.file_size, NEW.owner_role,
        NEW.created_by, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.title, OLD.description, OLD.file_path, OLD.file_type, OLD.file_size, OLD.owner_role,
        OLD.created_by, OLD.created_at) THEN
        RAISE EXCEPTION 'document % is immutable: only deactivation is allowed', OLD.id
            USING ERRCODE = 'VPF06';
    END IF;
    IF NOT OLD.is_active AND NEW.is_active THEN
        RAISE EXCEPTION 'document % is deactivated and stays so', OLD.id USING ERRCODE = 'VPF06';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER documents_immutable BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_immutable();
SELECT secure_table('documents');

-- who uploaded it and when come from the transaction; the uploader's role decides the owner role
GRANT SELECT ON documents TO vpflow_vp, vpflow_secretary;
GRANT INSERT (title, description, file_path, file_type, file_size, owner_role) ON documents
    TO vpflow_vp, vpflow_secretary;
GRANT UPDATE (is_active) ON documents TO vpflow_vp, vpflow_secretary;

CREATE POLICY documents_vp_read ON documents FOR SELECT TO vpflow_vp USING (true);
CREATE POLICY documents_secretary_read ON documents FOR SELECT TO vpflow_secretary
    USING (owner_role = 'secretary');
CREATE POLICY documents_office_insert ON documents FOR INSERT TO vpflow_vp, vpflow_secretary
    WITH CHECK (owner_role::text = current_app_role() AND created_by = current_user_id() AND is_active);
CREATE POLICY documents_vp_deactivate ON documents FOR UPDATE TO vpflow_vp
    USING (true) WITH CHECK (true);
CREATE POLICY documents_secretary_deactivate ON documents FOR UPDATE TO vpflow_secretary
    USING (owner_role = 'secretary') WITH CHECK (owner_role = 'secretary');
