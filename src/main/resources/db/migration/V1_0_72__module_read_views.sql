-- Why: each module owns its tables. Another module that shows a name from them (the guest of a
-- case, the author of a document, the actor of an audit event) reads it through a view the owning
-- module publishes here, naming only the columns it gives out, instead of naming the owner's
-- table: the owner can change its table and keep its view. The views are security_invoker, so the
-- reader's own grants and the tables' row-level security decide what it sees, exactly as when it
-- read the table (a secretary sees no more of a vp's case through case_summaries than through
-- cases).

-- users publishes who someone is, by name
CREATE VIEW user_names WITH (security_invoker = true) AS
    SELECT id, username, display_name FROM users;

-- guests publishes a guest's name and whether the guest is archived
CREATE VIEW guest_names WITH (security_invoker = true) AS
    SELECT id, full_name, organisation, archived_at FROM guests;

-- appointments publishes an appointment's guest, subject and time
CREATE VIEW appointment_summaries WITH (security_invoker = true) AS
    SELECT id, guest_id, subject, starts_at FROM appointments;

-- cases publishes a case's reference and title
CREATE VIEW case_summaries WITH (security_invoker = true) AS
    SELECT id, reference, title FROM cases;

GRANT SELECT ON user_names, guest_names, appointment_summaries, case_summaries TO vpflow_user;

-- documents publishes which documents are linked to a record, and since when. Its table comes with
-- the v1.1-A plan, which may run after this migration and must stay the plan's alone (its
-- validation counts what it adds, its logical rollback drops it): so this is a function, whose
-- body PostgreSQL reads when it runs, not a view that would depend on the table. It runs with the
-- caller's rights: the links' row-level security decides (a secretary finds no link of a vp
-- document). Only called where documents exist. A record has a few links: ROWS 10 tells the
-- planner so (a function's body is opaque to it), so that the audit timeline joining it keeps
-- looking the documents' events up by their index.
CREATE FUNCTION document_links_of(p_entity_type text, p_entity_id uuid)
    RETURNS TABLE (document_id uuid, linked_at timestamptz)
    LANGUAGE plpgsql STABLE ROWS 10 SET search_path = vpflow, pg_temp
AS $$
BEGIN
    RETURN QUERY
        SELECT l.document_id, l.linked_at FROM document_links l
        WHERE l.entity_type = p_entity_type::document_entity_type AND l.entity_id = p_entity_id;
END
$$;
REVOKE ALL ON FUNCTION document_links_of(text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION document_links_of(text, uuid) TO vpflow_user;
