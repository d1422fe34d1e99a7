-- Why: v1.1-A (migration plan section 5.2) links a document to a guest, an appointment or a
-- case, or keeps it stand-alone (entity_type 'none', no entity). The link is polymorphic, so no
-- foreign key can say that the entity exists: the insert policy checks that the entity exists
-- and is visible to the one who links, under that person's own rights, and the governed
-- migration's validation looks for orphans. Links are permanent records: never changed, never deleted.
CREATE TYPE document_entity_type AS ENUM ('guest', 'appointment', 'case', 'none');

CREATE TABLE document_links (
    id          uuid                 NOT NULL DEFAULT gen_random_uuid(),
    document_id uuid                 NOT NULL,
    entity_type document_entity_type NOT NULL,
    entity_id   uuid,
    linked_by   uuid                 NOT NULL DEFAULT current_user_id(),
    linked_at   timestamptz          NOT NULL DEFAULT now(),
    CONSTRAINT document_links_pkey PRIMARY KEY (id),
    CONSTRAINT document_links_document_fkey FOREIGN KEY (document_id) REFERENCES documents (id),
    CONSTRAINT document_links_linked_by_fkey FOREIGN KEY (linked_by) REFERENCES users (id),
    CONSTRAINT document_links_entity_present CHECK ((entity_type = 'none') = (entity_id IS NULL)),
    CONSTRAINT document_links_unique UNIQUE NULLS NOT DISTINCT (document_id, entity_type, entity_id)
);
CREATE INDEX document_links_entity_idx ON document_links (entity_type, entity_id);

SELECT secure_table('document_links');

GRANT SELECT ON document_links TO vpflow_vp, vpflow_secretary;
GRANT INSERT (document_id, entity_type, entity_id) ON document_links TO vpflow_vp, vpflow_secretary;

-- a link is visible with its document: a secretary never learns of a link to a `vp` document
CREATE POLICY document_links_office_read ON document_links FOR SELECT TO vpflow_vp, vpflow_secretary
    USING (EXISTS (SELECT FROM documents d WHERE d.id = document_id));
CREATE POLICY document_links_office_insert ON document_links FOR INSERT TO vpflow_vp, vpflow_secretary
    WITH CHECK (
        linked_by = current_user_id()
        AND EXISTS (SELECT FROM documents d WHERE d.id = document_id AND d.is_active)
        AND CASE entity_type
            WHEN 'guest' THEN EXISTS (SELECT FROM guests g WHERE g.id = entity_id)
            WHEN 'appointment' THEN EXISTS (SELECT FROM appointments a WHERE a.id = entity_id)
            WHEN 'case' THEN EXISTS (SELECT FROM cases c WHERE c.id = entity_id)
            ELSE entity_id IS NULL
        END);
