-- Why: every message is audited when it is queued, sent or given up, with its id, kind and a
-- masked address, never its subject or body. The events name the message (entity type mail);
-- the administrator, who watches the queue, reads them, and the Vice President reads every event.
INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('mail_queued', '1.0', 'a message was queued for sending'),
    ('mail_sent',   '1.0', 'a message was sent'),
    ('mail_failed', '1.0', 'a message was given up after its last attempt')
ON CONFLICT (code) DO NOTHING;

CREATE POLICY audit_logs_mail_read ON audit_logs FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) = 'admin' AND entity_type = 'mail');
