-- Why: `storage gc` removes document contents that no record names (an upload cut off between
-- storing its content and committing its record, the uploads that a restore undid); every such
-- removal is recorded in the audit log, as the system. Only a row of the event register is added.
INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('storage_collected', '1.0', 'document contents that no record names were removed from the store')
ON CONFLICT (code) DO NOTHING;
