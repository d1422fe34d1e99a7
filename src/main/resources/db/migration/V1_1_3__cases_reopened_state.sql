-- Why: v1.1-A (migration plan section 6.1) lets the Vice President re-open a closed case. The
-- state enum only grows: existing states and every historical row stay as they are, and the value
-- is never removed again, not even by a rollback of the plan. The enum is changed alone, with no
-- lock on `cases`.
ALTER TYPE case_state ADD VALUE IF NOT EXISTS 'reopened' AFTER 'closed';
