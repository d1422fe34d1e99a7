-- pgbench: what GET /api/v1/cases?limit=50 sends to PostgreSQL, statement for statement, as the
-- same user the same way:
--   RequestCredentialsFilter / SessionTokenRepository  -> Identities.authenticate
--   ActorTransactionManager (@Transactional(readOnly = true)) -> BEGIN READ ONLY, ActingUser.begin
--   CaseRepository.list without filters, LIMIT = limit + 1
-- The filters the request leaves out are bound as NULL; pgbench cannot bind a NULL, so each is
-- NULLIF(:none, 'none') with none empty: NULL at execution, unknown to a generic plan, as in the request.
SELECT * FROM vpflow.authenticate(:token);
BEGIN READ ONLY;
SELECT user_id FROM vpflow.act(:token, 'api');
SELECT c.id, c.reference, c.title, c.description, c.priority, c.due_date, c.state, c.resolution, c.guest_id, g.full_name AS guest_full_name, g.organisation AS guest_organisation, c.appointment_id, a.subject AS appointment_subject, a.starts_at AS appointment_starts_at, c.closed_at, c.closed_by, closer.display_name AS closed_by_display_name, c.created_at, c.created_by, c.updated_at, c.updated_by, c.version FROM cases c LEFT JOIN guests g ON g.id = c.guest_id LEFT JOIN appointments a ON a.id = c.appointment_id LEFT JOIN users closer ON closer.id = c.closed_by WHERE (CAST(NULLIF(:none, 'none') AS text) IS NULL OR c.state = CAST(NULLIF(:none, 'none') AS case_state)) AND (CAST(NULLIF(:none, 'none') AS uuid) IS NULL OR c.guest_id = CAST(NULLIF(:none, 'none') AS uuid)) AND (CAST(NULLIF(:none, 'none') AS uuid) IS NULL OR c.appointment_id = CAST(NULLIF(:none, 'none') AS uuid)) AND (CAST(NULLIF(:none, 'none') AS text) IS NULL OR search_key(c.title) LIKE '%' || search_key(CAST(NULLIF(:none, 'none') AS text)) || '%' OR lower(c.reference) LIKE '%' || lower(CAST(NULLIF(:none, 'none') AS text)) || '%') AND (CAST(NULLIF(:none, 'none') AS timestamptz) IS NULL OR (c.created_at, c.id) < (CAST(NULLIF(:none, 'none') AS timestamptz), CAST(NULLIF(:none, 'none') AS uuid))) ORDER BY c.created_at DESC, c.id DESC LIMIT 51;
COMMIT;
