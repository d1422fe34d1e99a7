package sr.gov.vpflow.governance;

import java.sql.SQLException;
import java.util.UUID;

/** The RLS matrix check's probes of one operation (see {@link RlsMatrixCheck}): What each role may add to each table. */
final class InsertProbes {

    private final RlsMatrixCheck s;

    InsertProbes(RlsMatrixCheck session) {
        this.s = session;
    }

    String insert(String table, String role) throws SQLException {
        if (table.equals("documents")) {
            // the roles without documents of their own try both owner roles
            String ownRole = role.equals("vp") ? "vp" : "secretary";
            String own = s.outcome(role, documentInsert(ownRole));
            String other = s.outcome(role, documentInsert(ownRole.equals("vp") ? "secretary" : "vp"));
            if (own.equals("all") && other.equals("none")) {
                return "own role only";
            }
            return own.equals("none") && other.equals("none") ? "none" : "own " + own + ", other role " + other;
        }
        if (table.equals("document_links")) {
            String own = s.outcome(
                    role, linkInsert(role.equals("vp") ? s.f.vpDocument : s.f.secretaryDocument, s.f.openCase));
            String other = s.outcome(
                    role, linkInsert(role.equals("vp") ? s.f.secretaryDocument : s.f.vpDocument, s.f.openCase));
            String missing = s.outcome(role, linkInsert(s.f.secretaryDocument, UUID.randomUUID()));
            if (own.equals("none") && other.equals("none") && missing.equals("none")) {
                return "none";
            }
            boolean rule = own.equals("all")
                    && missing.equals("none")
                    && (role.equals("vp") ? other.equals("all") : other.equals("none"));
            return rule
                    ? "visible documents to existing entities"
                    : "own " + own + ", other " + other + ", missing entity " + missing;
        }
        if (table.equals("case_notes")) {
            String open = s.outcome(
                    role, "INSERT INTO case_notes (case_id, body) VALUES ('" + s.f.openCase + "', 'RLS probe')");
            String closed = s.outcome(
                    role, "INSERT INTO case_notes (case_id, body) VALUES ('" + s.f.closedCase + "', 'RLS probe')");
            String vpOnly = s.outcome(
                    role,
                    "INSERT INTO case_notes (case_id, body, vp_only) VALUES ('" + s.f.openCase
                            + "', 'RLS probe', true)");
            String missing = s.outcome(
                    role, "INSERT INTO case_notes (case_id, body) VALUES ('" + UUID.randomUUID() + "', 'RLS probe')");
            if (open.equals("all") && closed.equals("all") && missing.equals("none")) {
                return vpOnly.equals("all") ? "any case, vp-only too" : "any case, not vp-only";
            }
            return open.equals("none") && closed.equals("none") && vpOnly.equals("none") && missing.equals("none")
                    ? "none"
                    : "open " + open + ", closed " + closed + ", vp-only " + vpOnly + ", missing case " + missing;
        }
        if (table.equals("mail_outbox")) {
            String guest = s.outcome(role, mailInsert(RlsMatrixCheck.GUEST_ADDRESS, s.f.appointment));
            String other = s.outcome(role, mailInsert("someone-else@example.org", s.f.appointment));
            if (guest.equals("all") && other.equals("none")) {
                return "the guest's address only";
            }
            return guest.equals("none") && other.equals("none") ? "none" : "guest " + guest + ", other " + other;
        }
        if (table.equals("mail_preferences")) {
            String own = s.outcome(
                    role,
                    "INSERT INTO mail_preferences (address) VALUES ('probe@example.org')"
                            + " ON CONFLICT (user_id) DO UPDATE SET address = excluded.address");
            String other = s.outcome(
                    role,
                    "INSERT INTO mail_preferences (user_id, address) VALUES ('" + s.f.otherUser
                            + "', 'probe@example.org')");
            if (own.equals("all") && other.equals("none")) {
                return "own row only";
            }
            return own.equals("none") && other.equals("none") ? "none" : "own " + own + ", another's " + other;
        }
        if (table.equals("users")) {
            String direct = s.outcome(
                    role,
                    "INSERT INTO users (username, display_name, role, password_hash) VALUES ('rls-check-"
                            + RlsMatrixCheck.shortId() + "', 'Probe', 'secretary', 'x')");
            String function = s.outcome(
                    role,
                    // an account without a password: the administrator chooses none (V1_0_66)
                    "SELECT create_user('rls-check-" + RlsMatrixCheck.shortId() + "', 'Probe', 'secretary', NULL)");
            if (direct.equals("none") && function.equals("all")) {
                return "create_user() only";
            }
            return direct.equals("none") && function.equals("none")
                    ? "none"
                    : "direct " + direct + ", function " + function;
        }
        String sql = switch (table) {
            case "guests" -> "INSERT INTO guests (full_name) VALUES ('RLS probe')";
            case "appointments" ->
                "INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status) VALUES ('" + s.f.guest
                        + "', 'probe', now() + interval '3000 days', now() + interval '3000 days 1 hour', 'requested')";
            case "appointment_series" ->
                "INSERT INTO appointment_series (guest_id, subject, starts_at, ends_at, rule, booked_until) VALUES ('"
                        + s.f.guest + "', 'probe', now() + interval '3000 days', now() + interval '3000 days 1 hour',"
                        + " 'FREQ=WEEKLY', now() + interval '3000 days')";
            case "cases" -> "INSERT INTO cases (title) VALUES ('RLS probe')";
            case "document_texts" ->
                "INSERT INTO document_texts (document_id, owner_role, title) SELECT id, owner_role, title"
                        + " FROM documents WHERE id = '" + s.f.secretaryDocument + "'";
            case "case_reference_counters" ->
                "INSERT INTO case_reference_counters (year, last_number) VALUES (1999, 1)";
            case "case_state_transitions" -> "INSERT INTO case_state_transitions VALUES ('open', 'open', false)";
            case "audit_logs" ->
                "INSERT INTO audit_logs (event_type, entity_type, entity_id) VALUES ('guest_updated', 'guest', '"
                        + s.f.guest + "')";
            case "audit_event_types" -> "INSERT INTO audit_event_types VALUES ('rls_probe', '9', 'probe')";
            case "audit_chain_head" -> "INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (true, 0, '\\x00')";
            case "flyway_schema_history" ->
                "INSERT INTO flyway_schema_history (installed_rank, description, type, script, installed_by,"
                        + " execution_time, success) VALUES (99999, 'probe', 'SQL', 'probe', 'probe', 0, true)";
            case "access_tokens" ->
                "INSERT INTO access_tokens (token_hash, kind, user_id) VALUES (sha256('probe'), 'api', '" + s.f.vp
                        + "')";
            case "login_settings" -> "INSERT INTO login_settings DEFAULT VALUES";
            case "history_window" -> "INSERT INTO history_window DEFAULT VALUES";
            case "account_requests" ->
                "INSERT INTO account_requests (kind, user_id) VALUES ('activate', '" + s.f.vp + "')";
            case "second_factors" ->
                "INSERT INTO second_factors (user_id, secret) VALUES ('" + s.f.vp + "', sha256('probe')::bytea)";
            case "recovery_codes" ->
                "INSERT INTO recovery_codes (user_id, code_hash) VALUES ('" + s.f.vp + "', sha256('probe'))";
            case "sign_in_sources" -> "INSERT INTO sign_in_sources (username_key, source) VALUES ('probe', 'probe')";
            case "passkeys" ->
                "INSERT INTO passkeys (user_id, credential_id, public_key, attestation_object, attestation_client_data,"
                        + " label, rp_id) VALUES ('" + s.f.vp
                        + "', sha256('probe'), '\\x00', '\\x00', '\\x00', 'probe', 'probe')";
            case "account_activations" ->
                "INSERT INTO account_activations (user_id, token_hash, purpose, expires_at) VALUES ('" + s.f.vp
                        + "', sha256('probe'), 'reset', now())";
            case "holidays" -> "INSERT INTO holidays (day, name_nl, name_en) VALUES ('2199-12-31', 'Probe', 'Probe')";
            case "mail_daily_rounds" ->
                "INSERT INTO mail_daily_rounds (kind, office_day) VALUES ('vp_digest', '2199-12-31')";
            default -> null;
        };
        if (sql == null) {
            return "no probe for " + table;
        }
        return s.outcome(role, sql);
    }

    static String documentInsert(String ownerRole) {
        return "INSERT INTO documents (title, file_path, file_type, file_size, owner_role) VALUES ('RLS probe',"
                + " 'sha256/00/probe', 'text/plain', 1, '" + ownerRole + "')";
    }

    /** A guest's confirmation of the appointment, queued to {@code recipient}. */
    static String mailInsert(String recipient, UUID appointment) {
        return "INSERT INTO mail_outbox (id, kind, recipient, appointment_id, notice) VALUES (gen_random_uuid(),"
                + " 'guest_confirmation', '" + recipient + "', '" + appointment + "', 'booked')";
    }

    static String linkInsert(UUID document, UUID kase) {
        return "INSERT INTO document_links (document_id, entity_type, entity_id) VALUES ('" + document + "', 'case', '"
                + kase + "')";
    }
}
