-- Why: the legal moves of a case are data (case_state_transitions, checked by the cases_state_rules
-- trigger). Re-opening a closed case and closing it again are the Vice President's alone
-- (DESIGN.md section 3). The states are text here, so the new enum value need not be committed yet.
INSERT INTO case_state_transitions (from_state, to_state, vp_only) VALUES
    ('closed', 'reopened', true),
    ('reopened', 'closed', true)
ON CONFLICT (from_state, to_state) DO NOTHING;
