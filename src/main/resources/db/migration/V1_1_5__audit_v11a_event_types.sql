-- Why: v1.1-A (migration plan section 6.2) registers eight new audit event types. The audit log's
-- columns do not change; only rows are added to the register that its foreign key checks.
INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('case_reopened',        '1.1-A', 'a closed case was re-opened'),
    ('case_reopen_edit',     '1.1-A', 'a re-opened case was edited'),
    ('case_reclosed',        '1.1-A', 'a re-opened case was closed again'),
    ('document_uploaded',    '1.1-A', 'a document was uploaded'),
    ('document_linked',      '1.1-A', 'a document was linked to a record'),
    ('document_viewed',      '1.1-A', 'a document was viewed'),
    ('document_downloaded',  '1.1-A', 'a document was downloaded'),
    ('document_deactivated', '1.1-A', 'a document was deactivated')
ON CONFLICT (code) DO NOTHING;
