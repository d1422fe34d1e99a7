-- Why: the office's search box finds appointments by their subject without regard to case or
-- accents ("overleg" finds "Overlég"), like guests and cases (V1_0_30). An index only.
CREATE INDEX appointments_subject_search_idx ON appointments USING gin (search_key(subject) vpflow.gin_trgm_ops);
