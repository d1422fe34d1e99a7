-- Why: users had no mail address. Each user chooses on their own account page where mail goes
-- and what they receive (the Vice President's morning digest, the secretaries' reminders of due
-- cases) and in which language. A user reads and writes their own row only; the mail sender reads
-- the rows of the day's recipients through mail_recipients(). Rows are changed, never deleted
-- (no address means no mail).
CREATE TABLE mail_preferences (
    user_id       uuid        NOT NULL DEFAULT current_user_id(),
    address       text,
    daily_digest  boolean     NOT NULL DEFAULT false,
    due_reminders boolean     NOT NULL DEFAULT false,
    language      text        NOT NULL DEFAULT 'nl',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    uuid,
    version       integer     NOT NULL DEFAULT 0,
    CONSTRAINT mail_preferences_pkey PRIMARY KEY (user_id),
    CONSTRAINT mail_preferences_user_fkey FOREIGN KEY (user_id) REFERENCES users (id),
    CONSTRAINT mail_preferences_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id),
    CONSTRAINT mail_preferences_address_format CHECK (
        address IS NULL OR (char_length(address) <= 254 AND address ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$')),
    CONSTRAINT mail_preferences_language CHECK (language IN ('nl', 'en'))
);
CREATE TRIGGER mail_preferences_touch BEFORE UPDATE ON mail_preferences FOR EACH ROW EXECUTE FUNCTION touch_row();
SELECT secure_table('mail_preferences');

GRANT SELECT ON mail_preferences TO vpflow_user;
GRANT INSERT (address, daily_digest, due_reminders, language) ON mail_preferences TO vpflow_user;
GRANT UPDATE (address, daily_digest, due_reminders, language) ON mail_preferences TO vpflow_user;

CREATE POLICY mail_preferences_own_read ON mail_preferences FOR SELECT TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary', 'admin') AND user_id = (SELECT current_user_id()));
CREATE POLICY mail_preferences_own_insert ON mail_preferences FOR INSERT TO vpflow_user
    WITH CHECK ((SELECT current_app_role()) IN ('vp', 'secretary', 'admin') AND user_id = (SELECT current_user_id()));
CREATE POLICY mail_preferences_own_update ON mail_preferences FOR UPDATE TO vpflow_user
    USING ((SELECT current_app_role()) IN ('vp', 'secretary', 'admin') AND user_id = (SELECT current_user_id()))
    WITH CHECK (user_id = (SELECT current_user_id()));

-- Who receives the daily mail of a kind: active users of the role it is for (the digest is the
-- Vice President's, the reminders the secretaries') who asked for it and gave an address. For the
-- mail sender only: it reads the users' roles, which the sender may not read otherwise.
CREATE FUNCTION mail_recipients(p_kind text)
    RETURNS TABLE (user_id uuid, address text, language text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF NOT mail_sender() THEN
        RAISE EXCEPTION 'the recipients of the daily mail are the mail sender''s to read'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
        SELECT p.user_id, p.address, p.language
        FROM mail_preferences p JOIN users u ON u.id = p.user_id
        WHERE u.is_active AND p.address IS NOT NULL
          AND ((p_kind = 'vp_digest' AND u.role = 'vp' AND p.daily_digest)
               OR (p_kind = 'due_reminder' AND u.role = 'secretary' AND p.due_reminders))
        ORDER BY p.user_id;
END
$$;
REVOKE ALL ON FUNCTION mail_recipients(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mail_recipients(text) TO vpflow_user;
