-- Why: the server signs checkpoints of the audit chain (sequence number and hash) and keeps them
-- outside the database, so that whoever can rewrite the table and recompute every later hash
-- still contradicts a checkpoint. `audit verify` compares the rows at the checkpoints' numbers
-- with them; this function gives those rows' numbers, hashes, types and times (nothing else of
-- an event) to who may check the audit log, whatever rows they may otherwise read.
CREATE FUNCTION audit_hashes(p_seqs bigint[])
    RETURNS TABLE (seq bigint, hash bytea, event_type text, occurred_at timestamptz)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = vpflow, pg_temp
AS $$
BEGIN
    IF current_app_role() NOT IN ('vp', 'admin', 'system') THEN
        RAISE EXCEPTION 'checking the audit log is for the Vice President and the administrator'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY SELECT a.seq, a.hash, a.event_type, a.occurred_at
                 FROM audit_logs a WHERE a.seq = ANY (p_seqs) ORDER BY a.seq;
END
$$;
REVOKE ALL ON FUNCTION audit_hashes(bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_hashes(bigint[]) TO vpflow_user;
