-- Why: the people who come to see the Vice President. Guests are archived, never deleted.
-- Search is accent- and case-insensitive ("Sewdien" finds "Séwdien"), hence unaccent and trigrams.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA vpflow;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA vpflow;

-- unaccent() is only STABLE because its dictionary could change; pinning the dictionary makes
-- the function safe to index.
CREATE FUNCTION search_key(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT lower(vpflow.unaccent('vpflow.unaccent'::regdictionary, coalesce(value, ''))) $$;

CREATE TABLE guests (
    id           uuid        NOT NULL DEFAULT gen_random_uuid(),
    full_name    text        NOT NULL,
    honorific    text,
    organisation text,
    position     text,
    email        text,
    phone        text,
    notes        text,
    archived_at  timestamptz,
    archived_by  uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid                 DEFAULT current_user_id(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   uuid,
    version      integer     NOT NULL DEFAULT 0,
    CONSTRAINT guests_pkey PRIMARY KEY (id),
    CONSTRAINT guests_full_name_length CHECK (char_length(btrim(full_name)) BETWEEN 1 AND 200),
    CONSTRAINT guests_honorific_length CHECK (char_length(honorific) <= 50),
    CONSTRAINT guests_organisation_length CHECK (char_length(organisation) <= 200),
    CONSTRAINT guests_position_length CHECK (char_length(position) <= 200),
    CONSTRAINT guests_email_format CHECK (email IS NULL OR (char_length(email) <= 254 AND email ~ '^[^@\s]+@[^@\s]+$')),
    CONSTRAINT guests_phone_length CHECK (char_length(phone) <= 50),
    CONSTRAINT guests_notes_length CHECK (char_length(notes) <= 4000),
    CONSTRAINT guests_archived_consistent CHECK ((archived_at IS NULL) = (archived_by IS NULL)),
    CONSTRAINT guests_created_by_fkey FOREIGN KEY (created_by) REFERENCES users (id),
    CONSTRAINT guests_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id),
    CONSTRAINT guests_archived_by_fkey FOREIGN KEY (archived_by) REFERENCES users (id)
);
CREATE INDEX guests_search_idx ON guests
    USING gin ((search_key(full_name) || ' ' || search_key(organisation)) vpflow.gin_trgm_ops);
CREATE INDEX guests_name_idx ON guests (search_key(full_name), id);

CREATE TRIGGER guests_touch BEFORE UPDATE ON guests FOR EACH ROW EXECUTE FUNCTION touch_row();
SELECT secure_table('guests');

GRANT SELECT ON guests TO vpflow_vp, vpflow_secretary;
-- who and when are stamped by defaults and the touch trigger, never written by a request
GRANT INSERT (full_name, honorific, organisation, position, email, phone, notes)
    ON guests TO vpflow_vp, vpflow_secretary;
GRANT UPDATE (full_name, honorific, organisation, position, email, phone, notes, archived_at, archived_by)
    ON guests TO vpflow_vp, vpflow_secretary;
CREATE POLICY guests_office_read ON guests FOR SELECT TO vpflow_vp, vpflow_secretary USING (true);
CREATE POLICY guests_office_insert ON guests FOR INSERT TO vpflow_vp, vpflow_secretary WITH CHECK (true);
CREATE POLICY guests_office_update ON guests FOR UPDATE TO vpflow_vp, vpflow_secretary
    USING (true) WITH CHECK (true);

CREATE POLICY audit_logs_guest_read ON audit_logs FOR SELECT TO vpflow_secretary
    USING (entity_type = 'guest' AND EXISTS (SELECT FROM guests g WHERE g.id = entity_id));
