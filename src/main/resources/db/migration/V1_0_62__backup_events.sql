-- Why: backups run by themselves on a schedule (README, "Backups"); each one made, with what it
-- copied and which old ones it removed, and each one that failed, is recorded in the audit log as
-- the system. Only rows of the event register are added.
INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('backup_made', '1.0', 'a backup was made, verified and copied; backups past the retention rule were removed'),
    ('backup_failed', '1.0', 'a backup could not be made or copied')
ON CONFLICT (code) DO NOTHING;
