-- Why: v1.2 lets the office add to a case in any state, closed included, without changing or
-- re-opening it: a note. Notes are records: never edited, never deleted, by anyone. A note of
-- the Vice President may be marked for the Vice President only; a secretary then never sees it
-- (nor its audit event, see V1_2_4).
CREATE TABLE case_notes (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    case_id    uuid        NOT NULL,
    body       text        NOT NULL,
    vp_only    boolean     NOT NULL DEFAULT false,
    author_id  uuid        NOT NULL DEFAULT current_user_id(),
    author_role text        NOT NULL DEFAULT current_app_role(),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT case_notes_pkey PRIMARY KEY (id),
    CONSTRAINT case_notes_case_fkey FOREIGN KEY (case_id) REFERENCES cases (id),
    CONSTRAINT case_notes_author_fkey FOREIGN KEY (author_id) REFERENCES users (id),
    CONSTRAINT case_notes_body_length CHECK (char_length(btrim(body)) BETWEEN 1 AND 10000),
    CONSTRAINT case_notes_author_role CHECK (author_role IN ('vp', 'secretary')),
    CONSTRAINT case_notes_vp_only_by_vp CHECK (NOT vp_only OR author_role = 'vp')
);
CREATE INDEX case_notes_case_idx ON case_notes (case_id, created_at, id);

CREATE FUNCTION case_notes_immutable() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'case note % is a record: it is never changed', OLD.id USING ERRCODE = 'VPF06';
END
$$;
CREATE TRIGGER case_notes_immutable BEFORE UPDATE ON case_notes
    FOR EACH ROW EXECUTE FUNCTION case_notes_immutable();
SELECT secure_table('case_notes');

GRANT SELECT ON case_notes TO vpflow_user;
GRANT INSERT (case_id, body, vp_only) ON case_notes TO vpflow_user;

CREATE POLICY case_notes_vp_read ON case_notes FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) = 'vp');
CREATE POLICY case_notes_secretary_read ON case_notes FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) = 'secretary' AND NOT vp_only);
-- on a case the author sees, as the author, in the author's role
CREATE POLICY case_notes_office_insert ON case_notes FOR INSERT TO vpflow_user
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary')
                AND author_id = (SELECT current_user_id())
                AND author_role = (SELECT current_app_role())
                AND EXISTS (SELECT FROM cases c WHERE c.id = case_id));
