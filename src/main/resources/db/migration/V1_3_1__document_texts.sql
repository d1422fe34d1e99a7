-- Why: v1.3 (findable) makes the words of every document searchable. The text is extracted from
-- the content in the background after an upload commits (the server's indexer, an operator token
-- named 'search-index' that only the database's owner issues) and searched with PostgreSQL's full
-- text search, in Dutch and in English, without regard to accents ("overleg" finds "Overlég").
-- The text is as confidential as its document: a reader sees the text of a document only when the
-- documents' own row-level security lets them see the document (a secretary never finds a word of
-- a `vp` document), and only the indexer writes it. Rows are derived data: never deleted (the
-- database refuses it like every delete), re-extracted when asked.

CREATE TEXT SEARCH CONFIGURATION search_nl (COPY = pg_catalog.dutch);
ALTER TEXT SEARCH CONFIGURATION search_nl
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH vpflow.unaccent, pg_catalog.dutch_stem;
CREATE TEXT SEARCH CONFIGURATION search_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION search_en
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH vpflow.unaccent, pg_catalog.english_stem;

-- True when the acting token is the indexer's: an operator token issued for 'search-index'.
CREATE FUNCTION search_indexer() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
DECLARE
    actor record;
BEGIN
    SELECT * INTO actor FROM acting_identity();
    IF actor.kind IS DISTINCT FROM 'operator' THEN
        RETURN false;
    END IF;
    RETURN EXISTS (SELECT FROM access_tokens t WHERE t.id = actor.token_id AND t.name = 'search-index');
END
$$;
REVOKE ALL ON FUNCTION search_indexer() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_indexer() TO vpflow_user;

-- One row per document, made with the document (title and description copied: a document never
-- changes). state: pending (to extract, from next_attempt_at on), indexed (its text is here), empty
-- (no text in it, or only in images while no OCR is installed: note says which), failed (the
-- parser refused it: note says why; tried again only when asked).
CREATE TABLE document_texts (
    document_id     uuid                NOT NULL,
    owner_role      document_owner_role NOT NULL,
    title           text                NOT NULL,
    description     text,
    state           text                NOT NULL DEFAULT 'pending',
    content         text,
    note            text,
    attempts        integer             NOT NULL DEFAULT 0,
    next_attempt_at timestamptz         NOT NULL DEFAULT now(),
    extracted_at    timestamptz,
    search          tsvector            GENERATED ALWAYS AS (
        setweight(to_tsvector('vpflow.search_nl', title), 'A')
        || setweight(to_tsvector('vpflow.search_en', title), 'A')
        || setweight(to_tsvector('vpflow.search_nl', coalesce(description, '')), 'B')
        || setweight(to_tsvector('vpflow.search_en', coalesce(description, '')), 'B')
        || to_tsvector('vpflow.search_nl', coalesce(content, ''))
        || to_tsvector('vpflow.search_en', coalesce(content, ''))) STORED,
    CONSTRAINT document_texts_pkey PRIMARY KEY (document_id),
    CONSTRAINT document_texts_document_fkey FOREIGN KEY (document_id) REFERENCES documents (id),
    CONSTRAINT document_texts_state CHECK (state IN ('pending', 'indexed', 'empty', 'failed')),
    CONSTRAINT document_texts_content_length CHECK (char_length(content) <= 300000),
    CONSTRAINT document_texts_note_length CHECK (char_length(note) <= 500),
    CONSTRAINT document_texts_attempts CHECK (attempts >= 0),
    CONSTRAINT document_texts_content_when_indexed CHECK (content IS NULL OR state = 'indexed')
);
CREATE INDEX document_texts_search_idx ON document_texts USING gin (search);
CREATE INDEX document_texts_pending_idx ON document_texts (next_attempt_at, document_id) WHERE state = 'pending';

-- Only the extraction's columns change, and only forward in time.
CREATE FUNCTION document_texts_rules() RETURNS trigger
    LANGUAGE plpgsql SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF (NEW.document_id, NEW.owner_role, NEW.title, NEW.description)
       IS DISTINCT FROM (OLD.document_id, OLD.owner_role, OLD.title, OLD.description) THEN
        RAISE EXCEPTION 'the text of document % belongs to it: only its extraction changes', OLD.document_id
            USING ERRCODE = 'VPF06';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER document_texts_rules BEFORE UPDATE ON document_texts
    FOR EACH ROW EXECUTE FUNCTION document_texts_rules();
SELECT secure_table('document_texts');

-- A new document waits for its text; the row is the database's, whoever uploads.
CREATE FUNCTION documents_text_pending() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    INSERT INTO document_texts (document_id, owner_role, title, description)
    VALUES (NEW.id, NEW.owner_role, NEW.title, NEW.description);
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION documents_text_pending() FROM PUBLIC;
CREATE TRIGGER documents_text_pending AFTER INSERT ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_text_pending();

-- the documents there are already wait for their text like new ones
INSERT INTO document_texts (document_id, owner_role, title, description)
SELECT id, owner_role, title, description FROM documents;

GRANT SELECT ON document_texts TO vpflow_user;
GRANT UPDATE (state, content, note, attempts, next_attempt_at, extracted_at) ON document_texts TO vpflow_user;

-- the text of a document the reader may see (the documents' own policies decide), for the office
CREATE POLICY document_texts_office_read ON document_texts FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary')
           AND EXISTS (SELECT FROM documents d WHERE d.id = document_id));
-- The words are found through the index by this function, not by a query on the table: the match
-- operator (@@) is not leakproof, so under a policy that reads a row's columns PostgreSQL checks the
-- policy on every row before it may match, and reads every visible text (hundreds of milliseconds
-- for 100,000 documents). The function finds the matches through the index as the owner and gives
-- back only those the caller may see, by the same rule as the documents' policies (the Vice
-- President every document, a secretary the secretaries' documents, nobody else any), active ones,
-- best first. The caller then reads title, text and snippet under its own row-level security.
-- A secretary's search never touches a `vp` document, not even to drop it: it runs on an index of
-- the secretaries' documents alone, so that its time tells nothing of the Vice President's words.
-- Ranking reads each match's words, which a word that stands in most documents would make slow;
-- so at most the first 200 matches the index gives are ranked, and `more` says there were more
-- (the page then asks for more words).
CREATE INDEX document_texts_secretary_search_idx ON document_texts USING gin (search)
    WHERE owner_role = 'secretary';

CREATE FUNCTION search_documents(p_query text, p_limit integer)
    RETURNS TABLE (document_id uuid, rank real, more boolean)
    -- at most 50 rows: the caller's plan joins them by key instead of reading whole tables
    ROWS 50
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
    WITH q AS MATERIALIZED (SELECT websearch_to_tsquery('vpflow.search_nl', p_query)
                                   || websearch_to_tsquery('vpflow.search_en', p_query) AS query),
         reader AS MATERIALIZED (SELECT current_app_role() AS role),
         candidates AS MATERIALIZED (
             (SELECT t.document_id, d.created_at
              FROM document_texts t JOIN documents d ON d.id = t.document_id
              WHERE (SELECT role FROM reader) = 'vp'
                AND t.search @@ (SELECT query FROM q)
                AND d.is_active
              LIMIT 201)
             UNION ALL
             (SELECT t.document_id, d.created_at
              FROM document_texts t JOIN documents d ON d.id = t.document_id
              WHERE (SELECT role FROM reader) = 'secretary'
                AND t.owner_role = 'secretary'
                AND t.search @@ (SELECT query FROM q)
                AND d.is_active
              LIMIT 201)),
         ranked AS (
             SELECT c.document_id, c.created_at, ts_rank_cd(t.search, (SELECT query FROM q)) AS rank
             FROM (SELECT * FROM candidates LIMIT 200) c
             JOIN document_texts t ON t.document_id = c.document_id)
    SELECT r.document_id, r.rank, (SELECT count(*) > 200 FROM candidates)
    FROM ranked r
    ORDER BY r.rank DESC, r.created_at DESC, r.document_id
    LIMIT least(greatest(p_limit, 0), 50)
$$;
REVOKE ALL ON FUNCTION search_documents(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_documents(text, integer) TO vpflow_user;

-- the indexer reads what waits and writes what it extracted
CREATE POLICY document_texts_indexer_read ON document_texts FOR SELECT TO vpflow_user
    USING ((SELECT search_indexer()));
CREATE POLICY document_texts_indexer_write ON document_texts FOR UPDATE TO vpflow_user
    USING ((SELECT search_indexer())) WITH CHECK ((SELECT search_indexer()));
