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
    Fixture f;

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
            case "select" -> new SelectProbes(this).select(table, role);
            case "insert" -> new InsertProbes(this).insert(table, role);
            case "update" -> new UpdateProbes(this).update(table, role);
            case "delete" -> new DeleteProbes(this).delete(table, role);
            default -> "unknown operation " + operation;
        };
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
    String outcome(String role, String sql) throws SQLException {
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

    long count(String role, String sql) throws SQLException {
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

    long ownerCount(String table) throws SQLException {
        try (Connection o = owner.getConnection();
                Statement st = o.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM vpflow." + RestorePointWriter.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether the database has the case state {@code reopened} (v1.1-A). */
    boolean reopeningState() throws SQLException {
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

    /** The fixture guest's address, to which the office may queue a confirmation. */
    static final String GUEST_ADDRESS = "rls-check@example.org";

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The rows the probes need, made by the roles themselves in the check's transaction. */
    final class Fixture {
        final UUID vp;
        final UUID secretary;
        final UUID admin;
        final UUID otherUser;
        final UUID guest;
        final UUID appointment;
        /** a recurring appointment's series; null on a database without series */
        final UUID series;

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

        /** v1.2: a note of the Vice President for him only, a note everyone in the office reads, a holiday */
        UUID vpNote;

        UUID officeNote;
        UUID holiday;
        /** v1.2: an open case that a secretary marked for the Vice President's decision */
        UUID markedCase;

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
            guest = as(
                    theVp,
                    "INSERT INTO guests (full_name, email) VALUES ('RLS check', '" + GUEST_ADDRESS + "') RETURNING id");
            appointment = as(
                    theVp,
                    "INSERT INTO appointments (guest_id, subject, starts_at, ends_at, status) VALUES ('" + guest
                            + "', 'check', now() + interval '4000 days', now() + interval '4000 days 1 hour',"
                            + " 'requested') RETURNING id");
            series = tableExists("appointment_series")
                    ? as(
                            theVp,
                            "INSERT INTO appointment_series (guest_id, subject, starts_at, ends_at, rule, booked_until)"
                                    + " VALUES ('" + guest
                                    + "', 'check', now() + interval '4000 days', now() + interval"
                                    + " '4000 days 1 hour', 'FREQ=WEEKLY', now() + interval '4000 days') RETURNING id")
                    : null;
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
                vpDocument = as(theVp, InsertProbes.documentInsert("vp") + " RETURNING id");
                secretaryDocument = as(theSecretary, InsertProbes.documentInsert("secretary") + " RETURNING id");
                vpLink = as(
                        theVp,
                        "INSERT INTO document_links (document_id, entity_type, entity_id) VALUES ('" + vpDocument
                                + "', 'guest', '" + guest + "') RETURNING id");
                secretaryLink = as(
                        theSecretary,
                        "INSERT INTO document_links (document_id, entity_type, entity_id) VALUES ('" + secretaryDocument
                                + "', 'guest', '" + guest + "') RETURNING id");
            }
            if (tableExists("case_notes")) {
                vpNote = as(
                        theVp,
                        "INSERT INTO case_notes (case_id, body, vp_only) VALUES ('" + closedCase
                                + "', 'RLS check', true) RETURNING id");
                officeNote = as(
                        theSecretary,
                        "INSERT INTO case_notes (case_id, body) VALUES ('" + closedCase
                                + "', 'RLS check') RETURNING id");
            }
            if (tableExists("case_notes")) {
                markedCase = as(theVp, "INSERT INTO cases (title) VALUES ('RLS check for decision') RETURNING id");
                as(theSecretary, "UPDATE cases SET for_decision = true WHERE id = '" + markedCase + "' RETURNING id");
            }
            if (tableExists("mail_outbox")) {
                // a confirmation the secretary queued, which even she does not read back
                as(
                        theSecretary,
                        "WITH q AS (" + InsertProbes.mailInsert(GUEST_ADDRESS, appointment)
                                + ") SELECT gen_random_uuid()");
                // each office account's own mail preferences
                for (Actor own : List.of(theVp, theSecretary, theAdmin)) {
                    as(
                            own,
                            "WITH p AS (INSERT INTO mail_preferences (address) VALUES ('" + GUEST_ADDRESS
                                    + "')) SELECT gen_random_uuid()");
                }
            }
            if (tableExists("holidays")) {
                holiday = as(
                        theAdmin,
                        "INSERT INTO holidays (day, name_nl, name_en) VALUES ('2199-12-24', 'RLS', 'RLS') RETURNING id");
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
            if (series != null) {
                this.auditEvents.put(
                        "series", audit(theVp, "appointment_series_created", "appointment_series", series));
            }
            if (typeRegistered("case_note_added")) {
                this.auditEvents.put(
                        "note",
                        auditWith(
                                theVp,
                                "case_note_added",
                                "case",
                                openCase,
                                "{\"vp_only\": false, \"note_id\": \"" + officeNote + "\"}"));
                this.auditEvents.put(
                        "vp_note",
                        auditWith(
                                theVp,
                                "case_note_added",
                                "case",
                                openCase,
                                "{\"vp_only\": true, \"note_id\": \"" + vpNote + "\"}"));
                // an event that names no note is no one's but the Vice President's (fail-closed)
                this.auditEvents.put(
                        "note_without_id",
                        auditWith(theVp, "case_note_added", "case", openCase, "{\"vp_only\": false}"));
                this.auditEvents.put("holiday", audit(theAdmin, "holiday_added", "holiday", holiday));
            }
            if (typeRegistered("mail_queued")) {
                this.auditEvents.put("mail", audit(theVp, "mail_queued", "mail", UUID.randomUUID()));
            }
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

        private UUID auditWith(Actor actor, String type, String entityType, UUID entityId, String details)
                throws SQLException {
            return as(
                    actor,
                    "INSERT INTO audit_logs (event_type, entity_type, entity_id, details) VALUES ('" + type + "', '"
                            + entityType + "', '" + entityId + "', '" + details + "'::jsonb) RETURNING id");
        }

        private boolean tableExists(String table) throws SQLException {
            try (Connection o = owner.getConnection()) {
                return Catalog.tableExists(o, table);
            }
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
