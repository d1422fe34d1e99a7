package sr.gov.vpflow.governance;

import java.sql.SQLException;

/** The RLS matrix check's probes of one operation (see {@link RlsMatrixCheck}): What each role may change in each table. */
final class UpdateProbes {

    private final RlsMatrixCheck s;

    UpdateProbes(RlsMatrixCheck session) {
        this.s = session;
    }

    String update(String table, String role) throws SQLException {
        return switch (table) {
            case "users" -> {
                String name = s.outcome(
                        role, "UPDATE users SET display_name = display_name || '' WHERE id = '" + s.f.otherUser + "'");
                String active =
                        s.outcome(role, "UPDATE users SET is_active = false WHERE id = '" + s.f.otherUser + "'");
                String secrets = s.outcome(
                        role,
                        "UPDATE users SET password_hash = 'x', failed_logins = 0, locked_until = now() + interval"
                                + " '100 years' WHERE id = '" + s.f.otherUser + "'");
                String counters = s.outcome(
                        role, "UPDATE users SET failed_logins = failed_logins WHERE id = '" + s.f.otherUser + "'");
                if (all(name, active) && none(secrets, counters)) {
                    yield "display name and active flag only";
                }
                yield none(name, active, secrets, counters)
                        ? "none"
                        : "display name " + name + ", active flag " + active + ", password and lock " + secrets
                                + ", login counters " + counters;
            }
            case "cases" -> {
                String open = s.outcome(role, "UPDATE cases SET title = title || '' WHERE id = '" + s.f.openCase + "'");
                String closed =
                        s.outcome(role, "UPDATE cases SET title = title || '' WHERE id = '" + s.f.closedCase + "'");
                String close = s.outcome(
                        role,
                        "UPDATE cases SET state = 'closed', resolution = 'probe', closed_at = now(),"
                                + " closed_by = current_user_id() WHERE id = '" + s.f.openCase + "'");
                // v1.1-A: re-opening a closed case, editing a re-opened one, closing it again
                boolean reopening = s.f.reopenedCase != null;
                String reopen = reopening
                        ? s.outcome(
                                role,
                                "UPDATE cases SET state = 'reopened', resolution = NULL, closed_at = NULL,"
                                        + " closed_by = NULL WHERE id = '" + s.f.closedCase + "'")
                        : "n/a";
                String reopened = reopening
                        ? s.outcome(role, "UPDATE cases SET title = title || '' WHERE id = '" + s.f.reopenedCase + "'")
                        : "n/a";
                String reclose = reopening
                        ? s.outcome(
                                role,
                                "UPDATE cases SET state = 'closed', resolution = 'probe', closed_at = now(),"
                                        + " closed_by = current_user_id() WHERE id = '" + s.f.reopenedCase + "'")
                        : "n/a";
                String cell = casesUpdate(open, closed, close, reopening, reopen, reopened, reclose);
                yield cell + decisionMark(role);
            }
            case "mail_preferences" -> {
                String own = s.outcome(
                        role, "UPDATE mail_preferences SET language = 'en' WHERE user_id = current_user_id()");
                String other = s.outcome(
                        role,
                        "UPDATE mail_preferences SET language = 'en' WHERE user_id IS DISTINCT FROM current_user_id()");
                if (own.equals("all") && other.equals("none")) {
                    yield "own row only";
                }
                yield own.equals("none") && other.equals("none") ? "none" : "own " + own + ", another's " + other;
            }
            case "holidays" -> {
                String remove =
                        s.outcome(role, "UPDATE holidays SET removed_at = now() WHERE id = '" + s.f.holiday + "'");
                String rename = s.outcome(role, "UPDATE holidays SET name_nl = 'x' WHERE id = '" + s.f.holiday + "'");
                if (rename.equals("none")) {
                    yield remove.equals("all") ? "remove only" : remove;
                }
                yield "remove " + remove + ", rename " + rename;
            }
            case "documents" -> {
                String vpDoc =
                        s.outcome(role, "UPDATE documents SET is_active = false WHERE id = '" + s.f.vpDocument + "'");
                String secDoc = s.outcome(
                        role, "UPDATE documents SET is_active = false WHERE id = '" + s.f.secretaryDocument + "'");
                String title = s.outcome(
                        role,
                        "UPDATE documents SET title = title || ' changed' WHERE id IN ('" + s.f.vpDocument + "', '"
                                + s.f.secretaryDocument + "')");
                if (!title.equals("none")) {
                    yield "changes more than is_active";
                }
                if (vpDoc.equals("all") && secDoc.equals("all")) {
                    yield "deactivate only";
                }
                if (vpDoc.equals("none") && secDoc.equals("all")) {
                    yield "deactivate secretary documents only";
                }
                yield vpDoc.equals("none") && secDoc.equals("none") ? "none" : "vp " + vpDoc + ", secretary " + secDoc;
            }
            default -> {
                String sql = switch (table) {
                    case "guests" -> "UPDATE guests SET notes = 'probe' WHERE id = '" + s.f.guest + "'";
                    case "appointments" ->
                        "UPDATE appointments SET location = 'probe' WHERE id = '" + s.f.appointment + "'";
                    case "appointment_series" ->
                        "UPDATE appointment_series SET location = 'probe' WHERE id = '" + s.f.series + "'";
                    case "case_reference_counters" -> "UPDATE case_reference_counters SET last_number = last_number";
                    case "case_state_transitions" -> "UPDATE case_state_transitions SET vp_only = vp_only";
                    case "audit_logs" ->
                        "UPDATE audit_logs SET details = details WHERE id = '" + s.f.auditEvents.get("guest") + "'";
                    case "audit_event_types" -> "UPDATE audit_event_types SET description = description";
                    case "audit_chain_head" -> "UPDATE audit_chain_head SET seq = seq";
                    case "flyway_schema_history" -> "UPDATE flyway_schema_history SET success = success";
                    case "access_tokens" -> "UPDATE access_tokens SET revoked_at = NULL, expires_at = NULL";
                    case "login_settings" -> "UPDATE login_settings SET bcrypt_cost = 4";
                    case "history_window" ->
                        "UPDATE history_window SET open_until = now() + interval '1 hour', earliest = now() - interval '1 year'";
                    case "account_requests" -> "UPDATE account_requests SET note = note";
                    case "account_activations" -> "UPDATE account_activations SET used_at = now()";
                    case "second_factors" -> "UPDATE second_factors SET last_step = last_step";
                    case "recovery_codes" -> "UPDATE recovery_codes SET used_at = now()";
                    case "passkeys" -> "UPDATE passkeys SET sign_count = 0";
                    case "sign_in_sources" -> "UPDATE sign_in_sources SET failures = 0";
                    case "document_links" ->
                        "UPDATE document_links SET linked_at = linked_at WHERE id = '" + s.f.secretaryLink + "'";
                    case "case_notes" -> "UPDATE case_notes SET body = body WHERE id = '" + s.f.officeNote + "'";
                    case "document_texts" ->
                        "UPDATE document_texts SET note = 'probe' WHERE document_id = '" + s.f.secretaryDocument + "'";
                    case "mail_outbox" -> "UPDATE mail_outbox SET attempts = attempts + 1";
                    case "mail_daily_rounds" -> "UPDATE mail_daily_rounds SET queued_at = queued_at";
                    default -> null;
                };
                yield sql == null ? "no probe for " + table : s.outcome(role, sql);
            }
        };
    }

    /**
     * v1.2: who moves the mark for decision: a secretary sets it, the Vice President clears it,
     * nobody else moves it (added to the cases' update cell). On a database without the mark (before
     * v1.2) the rule cannot be broken, and the cell reads as the matrix says.
     */
    private String decisionMark(String role) throws SQLException {
        String set;
        String clear;
        if (s.f.markedCase == null) {
            set = role.equals("secretary") ? "all" : "none";
            clear = role.equals("vp") ? "all" : "none";
        } else {
            set = s.outcome(role, "UPDATE cases SET for_decision = true WHERE id = '" + s.f.openCase + "'");
            clear = s.outcome(role, "UPDATE cases SET for_decision = false WHERE id = '" + s.f.markedCase + "'");
        }
        if (set.equals("none") && clear.equals("none")) {
            return "";
        }
        if (set.equals("all") && clear.equals("none")) {
            return "; marks for decision";
        }
        if (set.equals("none") && clear.equals("all")) {
            return "; clears the mark for decision";
        }
        return "; mark for decision: set " + set + ", clear " + clear;
    }

    /**
     * The cell of the cases' update row from its probes; on a database without re-opening (v1.0)
     * the re-opening probes do not apply.
     */
    private static String casesUpdate(
            String open,
            String closed,
            String close,
            boolean reopening,
            String reopen,
            String reopened,
            String reclose) {
        if (all(open, closed, close) && (!reopening || all(reopen, reopened, reclose))) {
            return "all";
        }
        if (all(open) && none(closed, close) && (!reopening || (none(reopen, reclose) && all(reopened)))) {
            return "not closed, cannot close or re-open";
        }
        if (none(open, closed, close) && (!reopening || none(reopen, reopened, reclose))) {
            return "none";
        }
        return "open " + open + ", closed " + closed + ", close " + close + ", re-open " + reopen + ", re-opened "
                + reopened + ", close again " + reclose;
    }

    private static boolean all(String... outcomes) {
        return java.util.Arrays.stream(outcomes).allMatch("all"::equals);
    }

    private static boolean none(String... outcomes) {
        return java.util.Arrays.stream(outcomes).allMatch("none"::equals);
    }
}
