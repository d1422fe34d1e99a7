-- Why: the administrator's page of accounts shows beside each account what the administrator may
-- have to act on: a person who has not chosen a password yet (and whether their activation link
-- still works), and an account locked by failed sign-ins. The application's login reads neither
-- the password hash nor the sign-in counters (V1_0_60) nor the activation links (V1_0_66); this
-- function gives the proven administrator these facts about the accounts asked for, and nothing
-- else: never a hash, a token, a link or an address.
CREATE FUNCTION account_states(p_users uuid[])
    RETURNS TABLE (user_id uuid, activated boolean, link_purpose text, link_expires_at timestamptz,
                   locked_until timestamptz, second_factor boolean)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF current_app_role() <> 'admin' THEN
        RAISE EXCEPTION 'the state of the accounts is for the administrator'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
        SELECT u.id,
               u.password_hash <> no_password(),
               link.purpose,
               link.expires_at,
               CASE WHEN u.locked_until > statement_timestamp() THEN u.locked_until END,
               has_second_factor(u.id)
        FROM users u
        LEFT JOIN LATERAL (
            SELECT a.purpose, a.expires_at FROM account_activations a
            WHERE a.user_id = u.id AND a.used_at IS NULL AND a.revoked_at IS NULL
              AND a.expires_at > statement_timestamp()
            ORDER BY a.created_at DESC
            LIMIT 1) link ON true
        WHERE u.id = ANY (p_users);
END
$$;
REVOKE ALL ON FUNCTION account_states(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION account_states(uuid[]) TO vpflow_user;
