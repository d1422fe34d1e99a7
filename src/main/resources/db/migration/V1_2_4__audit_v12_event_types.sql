-- Why: v1.2 registers its audit event types. A note of the Vice President marked for him only is
-- audited with the case like any note; a restrictive policy keeps that event from everyone but
-- the Vice President (the secretaries read a case's events, V1_0_6): a note's event is visible
-- only with the note itself, under the reader's own rights on case_notes (so an event that names
-- no note, or a note one may not read, stays hidden). The administrator reads the events of the
-- holiday calendar.
INSERT INTO audit_event_types (code, introduced_in, description) VALUES
    ('case_note_added',          '1.2', 'a note was added to a case'),
    ('case_marked_for_decision', '1.2', 'a case was marked for the Vice President''s decision'),
    ('case_decision_mark_cleared', '1.2', 'the mark for decision was taken off a case'),
    ('holiday_added',            '1.2', 'a public holiday was entered in the calendar'),
    ('holiday_removed',          '1.2', 'a public holiday was taken out of the calendar')
ON CONFLICT (code) DO NOTHING;

CREATE POLICY audit_logs_vp_only_notes ON audit_logs AS RESTRICTIVE FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) = 'vp'
           OR event_type <> 'case_note_added'
           OR EXISTS (SELECT FROM case_notes n
                      WHERE n.id = CASE WHEN details ->> 'note_id' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                        THEN CAST(details ->> 'note_id' AS uuid) END));
CREATE POLICY audit_logs_holiday_read ON audit_logs FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) = 'admin' AND entity_type = 'holiday');
