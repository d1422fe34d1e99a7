-- Why: a secretary reads the audit trail of the records she can see (docs/rls-matrix.md); for
-- documents that is the events of the documents visible to her, never those of a `vp` document.
-- Alone in its migration because a new policy briefly locks the audit log exclusively: this
-- transaction does nothing else, so the lock lasts milliseconds.
CREATE POLICY audit_logs_document_read ON audit_logs FOR SELECT TO vpflow_secretary
    USING (entity_type = 'document' AND EXISTS (SELECT FROM documents d WHERE d.id = entity_id));
