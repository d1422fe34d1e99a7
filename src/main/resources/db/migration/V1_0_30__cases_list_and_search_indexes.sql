-- Why: the case list is ordered newest first by creation (a stable order for cursor pages, unlike
-- updated_at, which moves a row while someone pages), and is searched by title without regard to
-- case or accents ("overleg" finds "Overlég") or by reference. Indexes only; no data changes.
CREATE INDEX cases_created_idx ON cases (created_at DESC, id DESC);
CREATE INDEX cases_title_search_idx ON cases USING gin (search_key(title) vpflow.gin_trgm_ops);
CREATE INDEX cases_reference_search_idx ON cases USING gin (lower(reference) vpflow.gin_trgm_ops);
