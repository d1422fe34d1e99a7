-- Why: the list of account requests is cut at the newest 500; a pending request filed long ago,
-- or one just decided, must not fall off it (the Vice President decides it from the list, and the
-- decision is shown back from it). Pending requests come first, then by their last change.
CREATE OR REPLACE FUNCTION account_requests_list(p_pending_only boolean)
    RETURNS TABLE (id uuid, kind text, user_id uuid, username text, display_name text, account_role app_role,
                   new_role app_role, note text, requested_by uuid, requested_by_name text,
                   requested_at timestamptz, status text, decided_by uuid, decided_by_name text,
                   decided_at timestamptz, decision_reason text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF current_app_role() NOT IN ('vp', 'admin') THEN
        RAISE EXCEPTION 'account requests are for the Vice President and the administrator'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
        SELECT r.id, r.kind, r.user_id, u.username, u.display_name, u.role, r.new_role, r.note,
               r.requested_by, q.username, r.requested_at, r.status, r.decided_by, d.username,
               r.decided_at, r.decision_reason
        FROM account_requests r
        JOIN users u ON u.id = r.user_id
        LEFT JOIN users q ON q.id = r.requested_by
        LEFT JOIN users d ON d.id = r.decided_by
        WHERE NOT p_pending_only OR r.status = 'pending'
        ORDER BY r.status = 'pending' DESC, coalesce(r.decided_at, r.requested_at) DESC
        LIMIT 500;
END
$$;
