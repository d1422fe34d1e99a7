-- Why: the Vice President (or the operator for them) exports the audit log of a period for an
-- outside auditor (README, "Audit log"); who exported which period is itself recorded. Only a row
-- of the event register is added.
INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('audit_exported', '1.0', 'the audit log of a period was exported for an auditor')
ON CONFLICT (code) DO NOTHING;
