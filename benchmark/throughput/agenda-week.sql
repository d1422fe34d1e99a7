-- pgbench: what GET /api/v1/appointments?from=<Monday>&to=<Sunday>&limit=200 sends to PostgreSQL,
-- statement for statement, as the same user the same way:
--   RequestCredentialsFilter / SessionTokenRepository  -> Identities.authenticate
--   ActorTransactionManager (@Transactional(readOnly = true)) -> BEGIN READ ONLY, ActingUser.begin
--   AppointmentRepository.list with a time window (the week), LIMIT = limit + 1
-- Variables: token, from, to (the week's bounds as the API computes them: Paramaribo midnights).
SELECT * FROM vpflow.authenticate(:token);
BEGIN READ ONLY;
SELECT user_id FROM vpflow.act(:token, 'api');
SELECT * FROM (SELECT id, guest_id, subject, purpose, location, starts_at, ends_at, status, status_reason, checked_in_at, created_at, updated_at, version FROM appointments WHERE true AND tstzrange(starts_at, ends_at, '[)') && tstzrange(CAST(:from AS timestamptz), CAST(:to AS timestamptz), '[)') OFFSET 0) window_rows ORDER BY starts_at, id LIMIT 201;
COMMIT;
