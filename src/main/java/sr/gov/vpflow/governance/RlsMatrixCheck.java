package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import sr.gov.vpflow.platform.AccessToken;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.ActingUser;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Checks the live database against the approved row-level security matrix, cell by cell, the way
 * the application reaches it: through the application's login role, presenting each role's token
 * as a request does. The accounts it needs are made by the system as the administrator (an
 * operator token, removed afterwards) and sign in with their passwords; the rows it needs (a
 * guest, cases, documents, audit events) are made by those accounts. All of it happens inside one
 * transaction, every probe runs in a savepoint that is rolled back, and the whole transaction is
 * rolled back at the end: the check leaves nothing behind.
 */
final class RlsMatrixCheck {

    /** SQLSTATEs that mean "refused": no right (row-level security included) or a trigger's refusal. */
    private static final Set<String> REFUSED = Set.of("42501", "VPF01", "VPF02", "VPF05", "VPF06");

    record Cell(String table, String operation, String role, String expected, String observed) {
        boolean ok() {
            return expected.equals(observed);
        }
    }

    record Result(List<Cell> cells, List<String> tablesNotInMatrix, List<String> matrixTablesNotInstalled) {
        List<Cell> wrong() {
            return cells.stream().filter(c -> !c.ok()).toList();
        }

        boolean ok() {
            return wrong().isEmpty() && tablesNotInMatrix.isEmpty();
        }
    }

    private final ApplicationLogin login;
    private final Operators operators;
    private final DataSource owner;
    private Connection c;
    private Fixture f;

    RlsMatrixCheck(ApplicationLogin login, Operators operators, DataSource owner) {
        this.login = login;
        this.operators = operators;
        this.owner = owner;
    }

    Result run(RlsMatrix matrix) throws SQLException {
        Set<String> tables;
        try (Connection o = owner.getConnection()) {
            tables = new LinkedHashSet<>(Catalog.tables(o));
        }
        Set<String> inMatrix = new LinkedHashSet<>();
        matrix.rows().forEach(r -> inMatrix.add(r.table()));
        List<String> missing =
                tables.stream().filter(t -> !inMatrix.contains(t)).toList();
        List<String> notInstalled =
                inMatrix.stream().filter(t -> !tables.contains(t)).toList();
        List<Cell> cells = new ArrayList<>();
        // the audit log's cells in a transaction of their own: the audit events the probes need
        // hold the chain's head, and with it every writer of the audit log, until the rollback
        cells.addAll(probe(matrix, tables, row -> !row.table().equals("audit_logs"), false));
        cells.addAll(probe(matrix, tables, row -> row.table().equals("audit_logs"), true));
        return new Result(cells, missing, notInstalled);
    }

    private List<Cell> probe(
            RlsMatrix matrix, Set<String> tables, java.util.function.Predicate<RlsMatrix.Row> rows, boolean auditEvents)
            throws SQLException {
        List<Cell> cells = new ArrayList<>();
        try (Connection connection = login.connect("rls-check");
                Operators.Operator administrator = operators.open(Role.ADMIN, "system", "rls-check")) {
            this.c = connection;
            try {
                f = new Fixture(
                        administrator.actor(),
                        tables.contains("documents"),
                        auditEvents,
                        auditEvents && typeRegistered("document_uploaded"));
                for (RlsMatrix.Row row : matrix.rows()) {
                    if (!tables.contains(row.table()) || !rows.test(row)) {
                        continue;
                    }
                    for (String role : RlsMatrix.ROLES) {
                        cells.add(new Cell(
                                row.table(),
                                row.operation(),
                                role,
                                row.expected(role),
                                observe(row.table(), row.operation(), role)));
                    }
                }
            } finally {
                c.rollback();
                this.c = null;
            }
        }
        return cells;
    }

    private String observe(String table, String operation, String role) throws SQLException {
        return switch (operation) {
            case "select" -> select(table, role);
            case "insert" -> insert(table, role);
            case "update" -> update(table, role);
            case "delete" -> delete(table, role);
            default -> "unknown operation " + operation;
        };
    }

    // ---- select ----

    private String select(String table, String role) throws SQLException {
        return switch (table) {
            case "users" -> {
                if (count(role, "SELECT count(*) FROM users WHERE id = '" + f.otherUser + "'") == 0) {
                    yield "none";
                }
                yield outcome(role, "SELECT password_hash FROM users WHERE id = '" + f.otherUser + "'")
                                .equals("all")
                        ? "all"
                        : "all without password hash";
            }
            case "guests" -> ratio(count(role, "SELECT count(*) FROM guests WHERE id = '" + f.guest + "'"), 1);
            case "appointments" ->
                ratio(count(role, "SELECT count(*) FROM appointments WHERE id = '" + f.appointment + "'"), 1);
            case "cases" ->
                ratio(
                        count(
                                role,
                                "SELECT count(*) FROM cases WHERE id IN ('" + f.openCase + "', '" + f.closedCase
                                        + "')"),
                        2);
            case "audit_logs" -> auditVisibility(role);
            case "documents" -> {
                boolean vpDoc = count(role, "SELECT count(*) FROM documents WHERE id = '" + f.vpDocument + "'") == 1;
                boolean secDoc =
                        count(role, "SELECT count(*) FROM documents WHERE id = '" + f.secretaryDocument + "'") == 1;
                yield vpDoc && secDoc ? "all" : secDoc ? "secretary documents" : vpDoc ? "vp documents" : "none";
            }
            case "document_links" -> {
                boolean vpLink = count(role, "SELECT count(*) FROM document_links WHERE id = '" + f.vpLink + "'") == 1;
                boolean secLink =
                        count(role, "SELECT count(*) FROM document_links WHERE id = '" + f.secretaryLink + "'") == 1;
                yield vpLink && secLink
                        ? "all"
                        : secLink ? "links of visible documents" : vpLink ? "links of vp documents" : "none";
            }
            default -> {
                long visible = count(role, "SELECT count(*) FROM " + table);
                if (visible == 0) {
                    yield "none";
                }
                long total = ownerCount(table) + f.inserted.getOrDefault(table, 0);
                yield ratio(visible, total);
            }
        };
    }

    private String auditVisibility(String role) throws SQLException {
        Set<String> visible = new LinkedHashSet<>();
        for (Map.Entry<String, UUID> e : f.auditEvents.entrySet()) {
            if (count(role, "SELECT count(*) FROM audit_logs WHERE id = '" + e.getValue() + "'") == 1) {
                visible.add(e.getKey());
            }
        }
        if (visible.equals(f.auditEvents.keySet())) {
            return "all";
        }
        if (visible.isEmpty()) {
            return "none";
        }
        Set<String> secretary = new LinkedHashSet<>(List.of("secretary_account", "guest", "appointment", "case"));
        if (f.auditEvents.containsKey("document")) {
            secretary.add("document");
        }
        if (visible.equals(secretary)) {
            return "own account and visible records";
        }
        if (visible.equals(Set.of("secretary_account", "other_account", "system"))) {
            return "accounts and system";
        }
        return "only " + visible;
    }

    private static String ratio(long visible, long total) {
        return visible == total ? "all" : visible == 0 ? "none" : visible + " of " + total;
    }

    // ---- insert ----

    private String insert(String table, String role) throws SQLException {
        if (table.equals("documents")) {
            // the roles without documents of their own try both owner roles
            String ownRole = role.equals("vp") ? "vp" : "secretary";
            String own = outcome(role, documentInsert(ownRole));
            String other = outcome(role, documentInsert(ownRole.equals("vp") ? "secretary" : "vp"));
            if (own.equals("all") && other.equals("none")) {
                return "own role only";
            }
            return own.equals("none") && other.equals("none") ? "none" : "own " + own + ", other role " + other;
        }
        if (table.equals("document_links")) {
            String own = outcome(role, linkInsert(role.equals("vp") ? f.vpDocument : f.secretaryDocument, f.openCase));
            String other =
                    outcome(role, linkInsert(role.equals("vp") ? f.secretaryDocument : f.vpDocument, f.openCase));
            String missing = outcome(role, linkInsert(f.secretaryDocument, UUID.randomUUID()));
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
        if (table.equals("users")) {
            String direct = outcome(
                    role,
                    "INSERT INTO users (username, display_name, role, password_hash) VALUES ('rls-check-" + shortId()
                            + "', 'Probe', 'secretary', 'x')");
            String function = outcome(
                    role,
                    // an account without a password: the administrator chooses none (V1_0_66)
                    "SELECT create_user('rls-check-" + shortId() + "', 'Probe', 'secretary', NULL)");
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
                "INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status) VALUES ('" + f.guest
                        + "', 'probe', now() + interval '3000 days', now() + interval '3000 days 1 hour', 'requested')";
            case "cases" -> "INSERT INTO cases (title) VALUES ('RLS probe')";
            case "case_reference_counters" ->
                "INSERT INTO case_reference_counters (year, last_number) VALUES (1999, 1)";
            case "case_state_transitions" -> "INSERT INTO case_state_transitions VALUES ('open', 'open', false)";
            case "audit_logs" ->
                "INSERT INTO audit_logs (event_type, entity_type, entity_id) VALUES ('guest_updated', 'guest', '"
                        + f.guest + "')";
            case "audit_event_types" -> "INSERT INTO audit_event_types VALUES ('rls_probe', '9', 'probe')";
            case "audit_chain_head" -> "INSERT INTO audit_chain_head (singleton, seq, hash) VALUES (true, 0, '\\x00')";
            case "flyway_schema_history" ->
                "INSERT INTO flyway_schema_history (installed_rank, description, type, script, installed_by,"
                        + " execution_time, success) VALUES (99999, 'probe', 'SQL', 'probe', 'probe', 0, true)";
            case "access_tokens" ->
                "INSERT INTO access_tokens (token_hash, kind, user_id) VALUES (sha256('probe'), 'api', '" + f.vp + "')";
            case "login_settings" -> "INSERT INTO login_settings DEFAULT VALUES";
            case "account_requests" ->
                "INSERT INTO account_requests (kind, user_id) VALUES ('activate', '" + f.vp + "')";
            case "second_factors" ->
                "INSERT INTO second_factors (user_id, secret) VALUES ('" + f.vp + "', sha256('probe')::bytea)";
            case "recovery_codes" ->
                "INSERT INTO recovery_codes (user_id, code_hash) VALUES ('" + f.vp + "', sha256('probe'))";
            case "sign_in_sources" -> "INSERT INTO sign_in_sources (username_key, source) VALUES ('probe', 'probe')";
            case "passkeys" ->
                "INSERT INTO passkeys (user_id, credential_id, public_key, attestation_object, attestation_client_data,"
                        + " label, rp_id) VALUES ('" + f.vp
                        + "', sha256('probe'), '\\x00', '\\x00', '\\x00', 'probe', 'probe')";
            case "account_activations" ->
                "INSERT INTO account_activations (user_id, token_hash, purpose, expires_at) VALUES ('" + f.vp
                        + "', sha256('probe'), 'reset', now())";
            default -> null;
        };
        if (sql == null) {
            return "no probe for " + table;
        }
        return outcome(role, sql);
    }

    private static String documentInsert(String ownerRole) {
        return "INSERT INTO documents (title, file_path, file_type, file_size, owner_role) VALUES ('RLS probe',"
                + " 'sha256/00/probe', 'text/plain', 1, '" + ownerRole + "')";
    }

    private static String linkInsert(UUID document, UUID kase) {
        return "INSERT INTO document_links (document_id, entity_type, entity_id) VALUES ('" + document + "', 'case', '"
                + kase + "')";
    }

    // ---- update ----

    private String update(String table, String role) throws SQLException {
        return switch (table) {
            case "users" -> {
                String name = outcome(
                        role, "UPDATE users SET display_name = display_name || '' WHERE id = '" + f.otherUser + "'");
                String active = outcome(role, "UPDATE users SET is_active = false WHERE id = '" + f.otherUser + "'");
                String secrets = outcome(
                        role,
                        "UPDATE users SET password_hash = 'x', failed_logins = 0, locked_until = now() + interval"
                                + " '100 years' WHERE id = '" + f.otherUser + "'");
                String counters = outcome(
                        role, "UPDATE users SET failed_logins = failed_logins WHERE id = '" + f.otherUser + "'");
                if (all(name, active) && none(secrets, counters)) {
                    yield "display name and active flag only";
                }
                yield none(name, active, secrets, counters)
                        ? "none"
                        : "display name " + name + ", active flag " + active + ", password and lock " + secrets
                                + ", login counters " + counters;
            }
            case "cases" -> {
                String open = outcome(role, "UPDATE cases SET title = title || '' WHERE id = '" + f.openCase + "'");
                String closed = outcome(role, "UPDATE cases SET title = title || '' WHERE id = '" + f.closedCase + "'");
                String close = outcome(
                        role,
                        "UPDATE cases SET state = 'closed', resolution = 'probe', closed_at = now(),"
                                + " closed_by = current_user_id() WHERE id = '" + f.openCase + "'");
                // v1.1-A: re-opening a closed case, editing a re-opened one, closing it again
                boolean reopening = f.reopenedCase != null;
                String reopen = reopening
                        ? outcome(
                                role,
                                "UPDATE cases SET state = 'reopened', resolution = NULL, closed_at = NULL,"
                                        + " closed_by = NULL WHERE id = '" + f.closedCase + "'")
                        : "n/a";
                String reopened = reopening
                        ? outcome(role, "UPDATE cases SET title = title || '' WHERE id = '" + f.reopenedCase + "'")
                        : "n/a";
                String reclose = reopening
                        ? outcome(
                                role,
                                "UPDATE cases SET state = 'closed', resolution = 'probe', closed_at = now(),"
                                        + " closed_by = current_user_id() WHERE id = '" + f.reopenedCase + "'")
                        : "n/a";
                yield casesUpdate(open, closed, close, reopening, reopen, reopened, reclose);
            }
            case "documents" -> {
                String vpDoc =
                        outcome(role, "UPDATE documents SET is_active = false WHERE id = '" + f.vpDocument + "'");
                String secDoc = outcome(
                        role, "UPDATE documents SET is_active = false WHERE id = '" + f.secretaryDocument + "'");
                String title = outcome(
                        role,
                        "UPDATE documents SET title = title || ' changed' WHERE id IN ('" + f.vpDocument + "', '"
                                + f.secretaryDocument + "')");
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
                    case "guests" -> "UPDATE guests SET notes = 'probe' WHERE id = '" + f.guest + "'";
                    case "appointments" ->
                        "UPDATE appointments SET location = 'probe' WHERE id = '" + f.appointment + "'";
                    case "case_reference_counters" -> "UPDATE case_reference_counters SET last_number = last_number";
                    case "case_state_transitions" -> "UPDATE case_state_transitions SET vp_only = vp_only";
                    case "audit_logs" ->
                        "UPDATE audit_logs SET details = details WHERE id = '" + f.auditEvents.get("guest") + "'";
                    case "audit_event_types" -> "UPDATE audit_event_types SET description = description";
                    case "audit_chain_head" -> "UPDATE audit_chain_head SET seq = seq";
                    case "flyway_schema_history" -> "UPDATE flyway_schema_history SET success = success";
                    case "access_tokens" -> "UPDATE access_tokens SET revoked_at = NULL, expires_at = NULL";
                    case "login_settings" -> "UPDATE login_settings SET bcrypt_cost = 4";
                    case "account_requests" -> "UPDATE account_requests SET note = note";
                    case "account_activations" -> "UPDATE account_activations SET used_at = now()";
                    case "second_factors" -> "UPDATE second_factors SET last_step = last_step";
                    case "recovery_codes" -> "UPDATE recovery_codes SET used_at = now()";
                    case "passkeys" -> "UPDATE passkeys SET sign_count = 0";
                    case "sign_in_sources" -> "UPDATE sign_in_sources SET failures = 0";
                    case "document_links" ->
                        "UPDATE document_links SET linked_at = linked_at WHERE id = '" + f.secretaryLink + "'";
                    default -> null;
                };
                yield sql == null ? "no probe for " + table : outcome(role, sql);
            }
        };
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

    // ---- delete ----

    private String delete(String table, String role) throws SQLException {
        String where = switch (table) {
            case "users" -> "id = '" + f.otherUser + "'";
            case "guests" -> "id = '" + f.guest + "'";
            case "appointments" -> "id = '" + f.appointment + "'";
            case "cases" -> "id = '" + f.openCase + "'";
            case "audit_logs" -> "id = '" + f.auditEvents.get("guest") + "'";
            case "documents" -> "id = '" + f.secretaryDocument + "'";
            case "document_links" -> "id = '" + f.secretaryLink + "'";
            default -> "true";
        };
        return outcome(role, "DELETE FROM " + table + " WHERE " + where);
    }

    // ---- running a probe ----

    /** The token each column presents; the column app presents none. */
    private Actor actor(String role) {
        return switch (role) {
            case "vp" -> f.theVp;
            case "secretary" -> f.theSecretary;
            case "admin" -> f.theAdmin;
            case "feed" -> f.theFeed;
            case "app" -> null;
            default -> throw new IllegalArgumentException(role);
        };
    }

    /**
     * "all" when the statement succeeds and touches rows, "none" when the database refuses it or
     * it touches no row; any other failure shows as an error, a broken probe.
     */
    private String outcome(String role, String sql) throws SQLException {
        try (Statement savepoint = c.createStatement()) {
            savepoint.execute("SAVEPOINT probe");
            try {
                Actor actor = actor(role);
                if (actor != null) {
                    ActingUser.begin(c, actor);
                }
                try (Statement st = c.createStatement()) {
                    if (st.execute(sql)) {
                        try (ResultSet rs = st.getResultSet()) {
                            return rs.next() ? "all" : "none";
                        }
                    }
                    return st.getUpdateCount() > 0 ? "all" : "none";
                }
            } catch (SQLException e) {
                if (REFUSED.contains(e.getSQLState())) {
                    return "none";
                }
                return "error " + e.getSQLState() + ": " + e.getMessage();
            } finally {
                savepoint.execute("ROLLBACK TO SAVEPOINT probe");
            }
        }
    }

    private long count(String role, String sql) throws SQLException {
        try (Statement savepoint = c.createStatement()) {
            savepoint.execute("SAVEPOINT probe");
            try {
                Actor actor = actor(role);
                if (actor != null) {
                    ActingUser.begin(c, actor);
                }
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery(sql)) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                return 0;
            } finally {
                savepoint.execute("ROLLBACK TO SAVEPOINT probe");
            }
        }
    }

    private long ownerCount(String table) throws SQLException {
        try (Connection o = owner.getConnection();
                Statement st = o.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM vpflow." + RestorePointWriter.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether the database has the case state {@code reopened} (v1.1-A). */
    private boolean reopeningState() throws SQLException {
        try (Connection o = owner.getConnection();
                PreparedStatement ps = o.prepareStatement(
                        "SELECT 1 FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                                + " JOIN pg_namespace n ON n.oid = t.typnamespace"
                                + " WHERE n.nspname = 'vpflow' AND t.typname = 'case_state' AND e.enumlabel = 'reopened'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    private boolean typeRegistered(String code) throws SQLException {
        try (Connection o = owner.getConnection();
                PreparedStatement ps = o.prepareStatement("SELECT 1 FROM vpflow.audit_event_types WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The password of the check's accounts, which exist only inside its transaction. */
    private static final String PASSWORD = "rls-check-" + UUID.randomUUID();

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The rows the probes need, made by the roles themselves in the check's transaction. */
    private final class Fixture {
        final UUID vp;
        final UUID secretary;
        final UUID admin;
        final UUID otherUser;
        final UUID guest;
        final UUID appointment;
        final UUID openCase;
        final UUID closedCase;
        /** a re-opened case (v1.1-A); null on a database without the state */
        final UUID reopenedCase;

        /** the check's own operator token (purpose "rls-check") */
        private final Actor administrator;

        final Actor theVp;
        final Actor theSecretary;
        final Actor theAdmin;
        /** the secretary's calendar feed */
        final Actor theFeed;

        UUID vpDocument;
        UUID secretaryDocument;
        UUID vpLink;
        UUID secretaryLink;
        final Map<String, UUID> auditEvents = new LinkedHashMap<>();
        final Map<String, Integer> inserted = new LinkedHashMap<>();

        Fixture(Actor administrator, boolean documents, boolean auditEvents, boolean documentEvents)
                throws SQLException {
            this.administrator = administrator;
            String tag = shortId();
            vp = as(administrator, createUser("rls-check-" + tag + "-vp", "vp"));
            secretary = as(administrator, createUser("rls-check-" + tag + "-sec", "secretary"));
            admin = as(administrator, createUser("rls-check-" + tag + "-adm", "admin"));
            otherUser = as(administrator, createUser("rls-check-" + tag + "-oth", "secretary"));
            theVp = signIn("rls-check-" + tag + "-vp", vp, Role.VP);
            theSecretary = signIn("rls-check-" + tag + "-sec", secretary, Role.SECRETARY);
            theAdmin = signIn("rls-check-" + tag + "-adm", admin, Role.ADMIN);
            theFeed = new Actor(
                    secretary,
                    Role.SECRETARY,
                    "system",
                    new AccessToken(text(theSecretary, "SELECT rotate_feed_token()")));
            guest = as(theVp, "INSERT INTO guests (full_name) VALUES ('RLS check') RETURNING id");
            appointment = as(
                    theVp,
                    "INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status) VALUES ('" + guest
                            + "', 'check', now() + interval '4000 days', now() + interval '4000 days 1 hour',"
                            + " 'requested') RETURNING id");
            openCase = as(theVp, "INSERT INTO cases (title) VALUES ('RLS check open') RETURNING id");
            closedCase = as(theVp, "INSERT INTO cases (title) VALUES ('RLS check closed') RETURNING id");
            as(
                    theVp,
                    "UPDATE cases SET state = 'closed', resolution = 'check', closed_at = now(),"
                            + " closed_by = current_user_id() WHERE id = '" + closedCase + "' RETURNING id");
            if (reopeningState()) {
                reopenedCase = as(theVp, "INSERT INTO cases (title) VALUES ('RLS check re-opened') RETURNING id");
                as(
                        theVp,
                        "UPDATE cases SET state = 'closed', resolution = 'check', closed_at = now(),"
                                + " closed_by = current_user_id() WHERE id = '" + reopenedCase + "' RETURNING id");
                as(
                        theVp,
                        "UPDATE cases SET state = 'reopened', resolution = NULL, closed_at = NULL, closed_by = NULL"
                                + " WHERE id = '" + reopenedCase + "' RETURNING id");
            } else {
                reopenedCase = null;
            }
            if (documents) {
                vpDocument = as(theVp, documentInsert("vp") + " RETURNING id");
                secretaryDocument = as(theSecretary, documentInsert("secretary") + " RETURNING id");
                vpLink = as(
                        theVp,
                        "INSERT INTO document_links (document_id, entity_type, entity_id) VALUES ('" + vpDocument
                                + "', 'guest', '" + guest + "') RETURNING id");
                secretaryLink = as(
                        theSecretary,
                        "INSERT INTO document_links (document_id, entity_type, entity_id) VALUES ('" + secretaryDocument
                                + "', 'guest', '" + guest + "') RETURNING id");
            }
            if (!auditEvents) {
                return;
            }
            this.auditEvents.put("secretary_account", audit(theVp, "user_created", "user", secretary));
            this.auditEvents.put("other_account", audit(theVp, "user_created", "user", otherUser));
            this.auditEvents.put("system", audit(theVp, "migration_run", "system", null));
            this.auditEvents.put("guest", audit(theVp, "guest_created", "guest", guest));
            this.auditEvents.put("appointment", audit(theVp, "appointment_created", "appointment", appointment));
            this.auditEvents.put("case", audit(theVp, "case_created", "case", openCase));
            if (documents && documentEvents) {
                this.auditEvents.put("document", audit(theVp, "document_uploaded", "document", secretaryDocument));
                this.auditEvents.put("vp_document", audit(theVp, "document_uploaded", "document", vpDocument));
            }
        }

        private static String createUser(String username, String role) {
            return "SELECT create_user('" + username + "', 'RLS check', '" + role + "', '" + PASSWORD + "')";
        }

        /**
         * The account proves itself as a script would: its password, checked by the database. The
         * check's own operator token is presented with it: the probe accounts of the Vice President
         * and the administrator need no second factor for the check (V1_0_67), and nobody else's
         * do on that ground.
         */
        private Actor signIn(String username, UUID id, Role role) throws SQLException {
            ActingUser.begin(c, administrator);
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT token FROM vpflow.login_password(?, ?, 'basic', 'system', NULL)")) {
                ps.setString(1, username);
                ps.setString(2, PASSWORD);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the check's account " + username + " could not sign in");
                    }
                    return new Actor(id, role, "system", new AccessToken(rs.getString(1)));
                }
            } finally {
                ActingUser.end(c);
            }
        }

        private String text(Actor actor, String sql) throws SQLException {
            ActingUser.begin(c, actor);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            } finally {
                ActingUser.end(c);
            }
        }

        private UUID audit(Actor actor, String type, String entityType, UUID entityId) throws SQLException {
            return as(
                    actor,
                    "INSERT INTO audit_logs (event_type, entity_type, entity_id) VALUES ('" + type + "', '" + entityType
                            + "', " + (entityId == null ? "NULL" : "'" + entityId + "'") + ") RETURNING id");
        }

        private UUID as(Actor actor, String sql) throws SQLException {
            ActingUser.begin(c, actor);
            UUID id;
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                id = rs.getObject(1, UUID.class);
            } catch (SQLException e) {
                throw new SQLException(
                        "the check's own rows could not be made (" + sql + "): " + e.getMessage(), e.getSQLState(), e);
            }
            ActingUser.end(c);
            return id;
        }
    }
}
