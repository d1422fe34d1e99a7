package sr.gov.vpflow.governance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;
import sr.gov.vpflow.governance.ValidationReport.Item;
import sr.gov.vpflow.governance.ValidationReport.Status;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.ActingUser;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Durability;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * The migration plan's validation checklist (section 9), automated. During a plan it compares the
 * migrated database with a baseline taken just before the migrations; on demand ({@code validate})
 * it checks the database as it is, and its schema against the newest restore point of the same
 * version. Nothing it does stays in the database: its probes run in transactions that are rolled back.
 */
@Service
public class Checklist {

    /** Tables whose rows are not records: web sessions and sign-in counters come and go. */
    private static final Set<String> NOT_RECORDS = Set.of("access_tokens", "sign_in_sources");

    /** Which audited kinds of record change which table (for office work during a migration). */
    private static final Map<String, Set<String>> CHANGED_BY = Map.of(
            "users", Set.of("user"),
            "guests", Set.of("guest"),
            "appointments", Set.of("appointment"),
            "cases", Set.of("case"),
            "case_reference_counters", Set.of("case"),
            "documents", Set.of("document"),
            "document_links", Set.of("document"));

    private final OwnerDatabase database;
    private final ApplicationLogin login;
    private final Operators operators;
    private final RestorePoints restorePoints;

    Checklist(OwnerDatabase database, ApplicationLogin login, Operators operators, RestorePoints restorePoints) {
        this.database = database;
        this.login = login;
        this.operators = operators;
        this.restorePoints = restorePoints;
    }

    private DataSource owner() {
        return database.dataSource("validation", "-c statement_timeout=30min");
    }

    // ---- baseline ----

    Baseline baseline(MigrationPlan plan, Progress progress) {
        try (Connection c = owner().getConnection()) {
            c.setAutoCommit(false);
            List<String> schema = SchemaFingerprint.lines(c);
            long head = longValue(c, "SELECT seq FROM vpflow.audit_chain_head");
            int rank = (int) longValue(c, "SELECT coalesce(max(installed_rank), 0) FROM vpflow.flyway_schema_history");
            c.commit();
            progress.report("  baseline: digests of every table");
            Map<String, String> tables = tableDigests(plan, head, rank, Catalog.tables(c));
            progress.report("  baseline: the v1.0 queries as the application runs them");
            Map<String, Baseline.QueryResult> queries = runQueries(head);
            long orphans = auditOrphans(c);
            return new Baseline(schema, tables, queries, head, rank, orphans);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the baseline before the migration: " + e.getMessage(), e);
        }
    }

    // ---- after a plan's migrations ----

    ValidationReport afterMigration(MigrationPlan plan, Baseline baseline, Progress progress) {
        List<Item> items = new ArrayList<>();
        Set<String> concurrent = concurrentWork(baseline.auditHead());
        progress.report("  v1.0 queries");
        items.add(timed(() -> compareQueries(baseline, concurrent)));
        progress.report("  v1.0 records");
        items.add(timed(() -> compareTables(plan, baseline, concurrent)));
        items.add(timed(() -> schemaOnlyExtended(plan, baseline)));
        progress.report("  row-level security");
        items.add(timed(this::rowSecurityForced));
        items.add(timed(this::matrix));
        progress.report("  foreign keys and polymorphic references");
        items.add(timed(this::foreignKeys));
        items.add(timed(() -> polymorphic(baseline.auditOrphans())));
        progress.report("  audit event types");
        items.add(timed(() -> auditAccepts(plan)));
        return new ValidationReport(items);
    }

    // ---- after a logical rollback ----

    /**
     * Whether the database is valid under its previous version after a logical rollback: the
     * schema is the baseline's (enum values stay, by the plan's rule), every record is unchanged,
     * and every v1.0 query runs. Returns what is wrong, nothing when valid.
     */
    List<String> afterRollback(MigrationPlan plan, Baseline baseline) {
        List<String> problems = new ArrayList<>();
        if (baseline != null) {
            List<String> now;
            try (Connection c = owner().getConnection()) {
                c.setAutoCommit(false);
                now = SchemaFingerprint.lines(c);
                c.rollback();
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            SchemaFingerprint.Difference diff = SchemaFingerprint.Difference.between(baseline.schema(), now);
            diff.removed().forEach(l -> problems.add("schema: changed or removed: " + l));
            diff.added().stream()
                    .filter(l -> !l.startsWith("enum "))
                    .forEach(l -> problems.add("schema: still there: " + l));
            Item tables = compareTables(plan, baseline, concurrentWork(baseline.auditHead()));
            if (tables.status() == Status.FAILED) {
                problems.addAll(tables.findings());
            }
        }
        Item queries = queriesRun();
        if (queries.status() == Status.FAILED) {
            problems.addAll(queries.findings());
        }
        return problems;
    }

    // ---- on demand ----

    /** The checklist on the database as it is (the {@code validate} command). */
    public ValidationReport validate(Progress progress) {
        List<Item> items = new ArrayList<>();
        progress.report("  v1.0 queries");
        items.add(timed(this::queriesRun));
        items.add(timed(this::schemaAsRecorded));
        progress.report("  row-level security");
        items.add(timed(this::rowSecurityForced));
        items.add(timed(this::matrix));
        progress.report("  foreign keys and polymorphic references");
        items.add(timed(this::foreignKeys));
        items.add(timed(() -> polymorphic(-1)));
        progress.report("  durability");
        items.add(timed(this::durability));
        progress.report("  audit event types");
        items.add(timed(() -> {
            MigrationPlan applied = appliedPlans().stream().reduce((a, b) -> b).orElse(null);
            return applied == null
                    ? item(
                            ValidationReport.AUDIT,
                            "new audit event types accepted",
                            Status.NOT_APPLICABLE,
                            "no governed plan has been applied: the database is at v1.0",
                            List.of())
                    : auditAccepts(applied);
        }));
        return new ValidationReport(items);
    }

    /** fsync, full_page_writes and synchronous_commit, for the owner's sessions and the application's. */
    private Item durability() {
        java.util.Map<String, String> unsafe = new java.util.TreeMap<>();
        try (Connection o = owner().getConnection();
                Connection app = login.connect("validation")) {
            Durability.unsafe(o).forEach(s -> unsafe.put(s.name(), s.toString()));
            Durability.unsafe(app).forEach(s -> unsafe.putIfAbsent(s.name(), s.toString() + " for the application"));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return item(
                ValidationReport.DURABILITY,
                "fsync, full_page_writes and synchronous_commit are on",
                unsafe.isEmpty() ? Status.PASSED : Status.FAILED,
                unsafe.isEmpty()
                        ? "a committed record is on disk before the commit returns"
                        : "a power cut can lose committed records or corrupt the database",
                List.copyOf(unsafe.values()));
    }

    private List<MigrationPlan> appliedPlans() {
        try (Connection c = owner().getConnection()) {
            Set<String> applied = new LinkedHashSet<>(RestorePointWriter.list(
                    c, "SELECT version FROM vpflow.flyway_schema_history WHERE success AND version IS NOT NULL"));
            return MigrationPlans.all().stream()
                    .filter(p -> applied.containsAll(p.versions()))
                    .toList();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    // ---- 1. v1.0 queries, records and schema ----

    private Item compareQueries(Baseline baseline, Set<String> concurrent) {
        Map<String, Baseline.QueryResult> now = runQueries(baseline.auditHead());
        List<String> wrong = new ArrayList<>();
        List<String> changedByWork = new ArrayList<>();
        int same = 0;
        for (V10Queries q : V10Queries.ALL) {
            Baseline.QueryResult before = baseline.queries().get(q.name());
            Baseline.QueryResult after = now.get(q.name());
            if (after.error() != null) {
                wrong.add(q.name() + " (as " + q.role() + "): fails: " + after.error());
            } else if (before.sameAs(after)) {
                same++;
            } else if (before.error() == null && q.dependsOn().stream().anyMatch(concurrent::contains)) {
                changedByWork.add(q.name() + ": changed by office work during the migration (" + before.rows()
                        + " rows before, " + after.rows() + " after)");
            } else {
                wrong.add(q.name() + " (as " + q.role() + "): " + before.rows() + " rows before, " + after.rows()
                        + " after, "
                        + (before.error() == null ? "content differs" : "failed before: " + before.error()));
            }
        }
        List<String> findings = new ArrayList<>(wrong);
        findings.addAll(changedByWork);
        return item(
                ValidationReport.QUERIES,
                "v1.0 queries return what they returned before",
                wrong.isEmpty() ? Status.PASSED : Status.FAILED,
                same + " of " + V10Queries.ALL.size() + " queries identical, run as vp, secretary and admin"
                        + (changedByWork.isEmpty() ? "" : ", " + changedByWork.size() + " changed by office work"),
                findings);
    }

    private Item queriesRun() {
        long head;
        try (Connection c = owner().getConnection()) {
            head = longValue(c, "SELECT seq FROM vpflow.audit_chain_head");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, Baseline.QueryResult> results = runQueries(head);
        List<String> failed = new ArrayList<>();
        results.forEach((name, r) -> {
            if (r.error() != null) {
                failed.add(name + ": " + r.error());
            }
        });
        return item(
                ValidationReport.QUERIES,
                "v1.0 queries run",
                failed.isEmpty() ? Status.PASSED : Status.FAILED,
                (results.size() - failed.size()) + " of " + results.size() + " queries ran, as vp, secretary and admin",
                failed);
    }

    private Item compareTables(MigrationPlan plan, Baseline baseline, Set<String> concurrent) {
        Map<String, String> now;
        try (Connection c = owner().getConnection()) {
            now = tableDigests(plan, baseline.auditHead(), baseline.historyRank(), Catalog.tables(c));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        List<String> wrong = new ArrayList<>();
        List<String> changedByWork = new ArrayList<>();
        baseline.tables().forEach((table, digest) -> {
            String after = now.get(table);
            if (after == null) {
                wrong.add(table + ": missing");
            } else if (!after.equals(digest)) {
                boolean work = table.equals("audit_chain_head")
                        ? !concurrent.isEmpty()
                        : CHANGED_BY.getOrDefault(table, Set.of()).stream().anyMatch(concurrent::contains);
                (work ? changedByWork : wrong)
                        .add(table + ": " + digest.split(":")[0] + " rows before, " + after.split(":")[0] + " after"
                                + (work ? " (office work during the migration)" : ", content differs"));
            }
        });
        List<String> findings = new ArrayList<>(wrong);
        findings.addAll(changedByWork);
        return item(
                ValidationReport.QUERIES,
                "every v1.0 record is still there, unchanged",
                wrong.isEmpty() ? Status.PASSED : Status.FAILED,
                (baseline.tables().size() - wrong.size() - changedByWork.size()) + " of "
                        + baseline.tables().size() + " tables identical, row by row",
                findings);
    }

    private Item schemaOnlyExtended(MigrationPlan plan, Baseline baseline) {
        List<String> now;
        try (Connection c = owner().getConnection()) {
            c.setAutoCommit(false);
            now = SchemaFingerprint.lines(c);
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        SchemaFingerprint.Difference diff = SchemaFingerprint.Difference.between(baseline.schema(), now);
        List<String> findings = new ArrayList<>();
        diff.removed().forEach(l -> findings.add("changed or removed: " + l));
        diff.added().stream()
                .filter(l -> plan.schemaAdditions().stream().noneMatch(l::startsWith))
                .forEach(l -> findings.add("not part of the plan: " + l));
        long added = diff.added().size()
                - findings.stream().filter(f -> f.startsWith("not part")).count();
        return item(
                ValidationReport.QUERIES,
                "the v1.0 schema is only extended (no table, column, constraint, grant or policy changed)",
                findings.isEmpty() ? Status.PASSED : Status.FAILED,
                baseline.schema().size() + " v1.0 objects unchanged, " + added + " added by the plan",
                findings);
    }

    private Item schemaAsRecorded() {
        try (Connection c = owner().getConnection()) {
            c.setAutoCommit(false);
            List<String> now = SchemaFingerprint.lines(c);
            String version = RestorePointWriter.single(
                    c,
                    "SELECT coalesce((SELECT version FROM vpflow.flyway_schema_history WHERE success AND type = 'SQL'"
                            + " ORDER BY installed_rank DESC LIMIT 1), 'none')");
            c.rollback();
            Optional<RestorePointManifest> point = restorePoints.newestAt(version);
            if (point.isEmpty()) {
                return item(
                        ValidationReport.QUERIES,
                        "the schema is the one recorded in the newest restore point",
                        Status.NOT_APPLICABLE,
                        "no restore point of schema version " + version + " to compare with",
                        List.of());
            }
            List<String> recorded = Files.readAllLines(restorePoints.schemaFile(point.get()), StandardCharsets.UTF_8);
            SchemaFingerprint.Difference diff = SchemaFingerprint.Difference.between(recorded, now);
            List<String> findings = new ArrayList<>();
            diff.removed().forEach(l -> findings.add("changed or removed since: " + l));
            diff.added().forEach(l -> findings.add("added since: " + l));
            return item(
                    ValidationReport.QUERIES,
                    "the schema is the one recorded in the newest restore point",
                    diff.none() ? Status.PASSED : Status.FAILED,
                    now.size() + " objects compared with restore point "
                            + point.get().name() + " (schema " + version + ")",
                    findings);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    // ---- 2. row-level security ----

    private Item rowSecurityForced() {
        try (Connection c = owner().getConnection()) {
            List<String> weak = RestorePointWriter.list(c, """
                    SELECT c.relname || CASE WHEN NOT c.relrowsecurity THEN ': row-level security disabled'
                                             ELSE ': row-level security not forced' END
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'vpflow' AND c.relkind IN ('r', 'p')
                      AND NOT (c.relrowsecurity AND c.relforcerowsecurity) ORDER BY 1""");
            int tables = Catalog.tables(c).size();
            return item(
                    ValidationReport.RLS,
                    "row-level security enabled and forced on every table",
                    weak.isEmpty() ? Status.PASSED : Status.FAILED,
                    (tables - weak.size()) + " of " + tables + " tables",
                    weak);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Item matrix() {
        RlsMatrix matrix = RlsMatrix.load();
        try {
            RlsMatrixCheck.Result result = new RlsMatrixCheck(login, operators, owner()).run(matrix);
            List<String> findings = new ArrayList<>();
            result.tablesNotInMatrix().forEach(t -> findings.add(t + ": not in the RLS matrix"));
            result.wrong()
                    .forEach(cell -> findings.add(cell.table() + " " + cell.operation() + " as " + cell.role()
                            + ": expected '" + cell.expected() + "', found '" + cell.observed() + "'"));
            return item(
                    ValidationReport.RLS,
                    "the approved RLS matrix holds, cell by cell",
                    result.ok() ? Status.PASSED : Status.FAILED,
                    (result.cells().size() - result.wrong().size()) + " of "
                            + result.cells().size()
                            + " cells as documented (matrix sha256 "
                            + matrix.sha256().substring(0, 12) + ")"
                            + (result.matrixTablesNotInstalled().isEmpty()
                                    ? ""
                                    : "; not installed yet: " + String.join(", ", result.matrixTablesNotInstalled())),
                    findings);
        } catch (SQLException e) {
            throw new IllegalStateException("the RLS matrix check failed: " + e.getMessage(), e);
        }
    }

    // ---- 3. foreign keys ----

    private Item foreignKeys() {
        List<String> findings = new ArrayList<>();
        int checked = 0;
        try (Connection c = owner().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT k.conname, child.relname AS child, parent.relname AS parent,
                               (SELECT string_agg(format('c.%I = p.%I', ca.attname, pa.attname), ' AND ' ORDER BY i)
                                  FROM unnest(k.conkey, k.confkey) WITH ORDINALITY AS u(ck, pk, i)
                                  JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.ck
                                  JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = u.pk) AS joined,
                               (SELECT string_agg(format('c.%I IS NOT NULL', ca.attname), ' AND ')
                                  FROM unnest(k.conkey) AS u(ck)
                                  JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = u.ck) AS present
                        FROM pg_constraint k JOIN pg_class child ON child.oid = k.conrelid
                        JOIN pg_class parent ON parent.oid = k.confrelid JOIN pg_namespace n ON n.oid = child.relnamespace
                        WHERE k.contype = 'f' AND n.nspname = 'vpflow' ORDER BY 1""")) {
            List<String[]> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(new String[] {
                    rs.getString("conname"),
                    rs.getString("child"),
                    rs.getString("parent"),
                    rs.getString("joined"),
                    rs.getString("present")
                });
            }
            for (String[] k : keys) {
                long orphans = longValue(
                        c,
                        "SELECT count(*) FROM vpflow." + RestorePointWriter.quote(k[1]) + " c WHERE " + k[4]
                                + " AND NOT EXISTS (SELECT FROM vpflow." + RestorePointWriter.quote(k[2])
                                + " p WHERE " + k[3] + ")");
                checked++;
                if (orphans > 0) {
                    findings.add(k[0] + ": " + orphans + " rows of " + k[1] + " point to no row of " + k[2]);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return item(
                ValidationReport.FOREIGN_KEYS,
                "no orphaned foreign key",
                findings.isEmpty() ? Status.PASSED : Status.FAILED,
                checked + " foreign keys checked row by row",
                findings);
    }

    private Item polymorphic(long auditOrphansBefore) {
        List<String> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Connection c = owner().getConnection()) {
            if (Catalog.tableExists(c, "document_links")) {
                for (String[] kind :
                        new String[][] {{"guest", "guests"}, {"appointment", "appointments"}, {"case", "cases"}}) {
                    long orphans = longValue(
                            c,
                            "SELECT count(*) FROM vpflow.document_links l WHERE l.entity_type = '" + kind[0]
                                    + "' AND NOT EXISTS (SELECT FROM vpflow." + kind[1]
                                    + " e WHERE e.id = l.entity_id)");
                    if (orphans > 0) {
                        findings.add("document_links: " + orphans + " links to a " + kind[0] + " that does not exist");
                    }
                }
                long loose = longValue(
                        c,
                        "SELECT count(*) FROM vpflow.document_links WHERE (entity_type = 'none') <> (entity_id IS NULL)");
                if (loose > 0) {
                    findings.add("document_links: " + loose + " links whose entity contradicts their type");
                }
                notes.add("document links: guest, appointment, case and none");
            } else {
                notes.add("document links: not installed");
            }
            long auditOrphans = auditOrphans(c);
            if (auditOrphansBefore >= 0 && auditOrphans > auditOrphansBefore) {
                findings.add("audit_logs: " + (auditOrphans - auditOrphansBefore)
                        + " more events name a record that does not exist than before the migration");
            } else if (auditOrphans > 0) {
                notes.add(auditOrphans + " audit events name a record that does not exist"
                        + (auditOrphansBefore >= 0 ? " (as many as before the migration)" : ""));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        List<String> all = new ArrayList<>(findings);
        all.addAll(notes.subList(1, notes.size()));
        return item(
                ValidationReport.FOREIGN_KEYS,
                "no orphaned polymorphic reference (document links, audit events)",
                findings.isEmpty() ? Status.PASSED : Status.FAILED,
                notes.get(0) + "; audit event entities: user, guest, appointment, case, document",
                all);
    }

    private static long auditOrphans(Connection c) throws SQLException {
        boolean documents = Catalog.tableExists(c, "documents");
        return longValue(
                c,
                "SELECT count(*) FROM vpflow.audit_logs a WHERE a.entity_id IS NOT NULL AND CASE a.entity_type"
                        + " WHEN 'user' THEN NOT EXISTS (SELECT FROM vpflow.users x WHERE x.id = a.entity_id)"
                        + " WHEN 'guest' THEN NOT EXISTS (SELECT FROM vpflow.guests x WHERE x.id = a.entity_id)"
                        + " WHEN 'appointment' THEN NOT EXISTS (SELECT FROM vpflow.appointments x WHERE x.id ="
                        + " a.entity_id)"
                        + " WHEN 'case' THEN NOT EXISTS (SELECT FROM vpflow.cases x WHERE x.id = a.entity_id)"
                        + (documents
                                ? " WHEN 'document' THEN NOT EXISTS (SELECT FROM vpflow.documents x WHERE x.id ="
                                        + " a.entity_id)"
                                : "")
                        + " ELSE false END");
    }

    // ---- 4. audit event types ----

    private Item auditAccepts(MigrationPlan plan) {
        List<String> findings = new ArrayList<>();
        int accepted = 0;
        try (Connection c = login.connect("validation")) {
            try {
                for (String type : plan.newEventTypes()) {
                    String entity = type.startsWith("document_") ? "document" : "case";
                    // as the roles that will record them: the Vice President re-opens, both roles upload
                    List<Role> roles = type.startsWith("case_re") && !type.equals("case_reopen_edit")
                            ? List.of(Role.VP)
                            : List.of(Role.VP, Role.SECRETARY);
                    for (Role role : roles) {
                        try (Statement st = c.createStatement();
                                Operators.Operator operator = operators.open(role, "system")) {
                            st.execute("SAVEPOINT audit_type");
                            ActingUser.begin(c, operator.actor());
                            try (PreparedStatement ps = c.prepareStatement(
                                    "INSERT INTO audit_logs (event_type, entity_type, entity_id, details)"
                                            + " VALUES (?, ?, ?, '{\"validation\": true}')")) {
                                ps.setString(1, type);
                                ps.setString(2, entity);
                                ps.setObject(3, UUID.randomUUID());
                                ps.executeUpdate();
                                accepted++;
                            } catch (SQLException e) {
                                findings.add(type + " as " + role.code() + ": refused (" + e.getSQLState() + " "
                                        + e.getMessage() + ")");
                            } finally {
                                st.execute("ROLLBACK TO SAVEPOINT audit_type");
                            }
                        }
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return item(
                ValidationReport.AUDIT,
                "the audit log accepts each new event type (in a transaction rolled back)",
                findings.isEmpty() ? Status.PASSED : Status.FAILED,
                accepted + " inserts of " + plan.newEventTypes().size() + " event types accepted and rolled back",
                findings);
    }

    // ---- helpers ----

    /** Each v1.0 query runs as the system with its role's rights, through the application's login. */
    private Map<String, Baseline.QueryResult> runQueries(long head) {
        Map<String, Baseline.QueryResult> results = new LinkedHashMap<>();
        Map<String, Operators.Operator> roles = new LinkedHashMap<>();
        try (Connection c = login.connect("validation")) {
            for (V10Queries q : V10Queries.ALL) {
                Operators.Operator operator = roles.computeIfAbsent(
                        q.role(), r -> operators.open(Role.fromCode(r).orElseThrow(), "system"));
                results.put(q.name(), run(c, q, head, operator.actor()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect as the application: " + e.getMessage(), e);
        } finally {
            roles.values().forEach(Operators.Operator::close);
        }
        return results;
    }

    private static Baseline.QueryResult run(Connection c, V10Queries q, long head, Actor actor) {
        long started = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION READ ONLY");
            ActingUser.begin(c, actor);
            MessageDigest digest = CopyFile.sha256();
            long rows = 0;
            try (ResultSet rs = st.executeQuery(q.sql(head))) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= columns; i++) {
                        String value = rs.getString(i);
                        digest.update(value == null ? new byte[] {0} : value.getBytes(StandardCharsets.UTF_8));
                        digest.update((byte) 31);
                    }
                    digest.update((byte) 30);
                }
            }
            return new Baseline.QueryResult(
                    rows, CopyFile.hex(digest), null, (System.nanoTime() - started) / 1_000_000);
        } catch (SQLException e) {
            return new Baseline.QueryResult(
                    0, "", e.getSQLState() + " " + e.getMessage(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the next query starts a new transaction anyway
            }
        }
    }

    /** "rows:sum of row hashes" of each table, without the rows the plan adds or rows written since the baseline. */
    private Map<String, String> tableDigests(MigrationPlan plan, long head, int rank, List<String> tables) {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection c = owner().getConnection()) {
            for (String table : tables) {
                if (NOT_RECORDS.contains(table)) {
                    continue;
                }
                List<String> conditions = new ArrayList<>();
                if (plan.rowsAdded().containsKey(table)) {
                    conditions.add("NOT (" + plan.rowsAdded().get(table) + ")");
                }
                if (table.equals("audit_logs")) {
                    conditions.add("seq <= " + head);
                }
                if (table.equals("flyway_schema_history")) {
                    conditions.add("installed_rank <= " + rank);
                }
                String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
                digests.put(
                        table,
                        RestorePointWriter.single(
                                c,
                                "SELECT count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)"
                                        + " FROM vpflow." + RestorePointWriter.quote(table) + " t" + where));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables: " + e.getMessage(), e);
        }
        return digests;
    }

    /** The kinds of record the office changed since the baseline (every change is audited). */
    private Set<String> concurrentWork(long head) {
        try (Connection c = owner().getConnection()) {
            return new LinkedHashSet<>(RestorePointWriter.list(
                    c, "SELECT DISTINCT entity_type FROM vpflow.audit_logs WHERE seq > " + head));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static long longValue(Connection c, String sql) throws SQLException {
        return Long.parseLong(RestorePointWriter.single(c, sql));
    }

    private static Item item(String checklist, String check, Status status, String detail, List<String> findings) {
        return new Item(checklist, check, status, detail, 0, List.copyOf(findings));
    }

    private static Item timed(Supplier<Item> check) {
        long started = System.nanoTime();
        Item i = check.get();
        return new Item(
                i.checklist(),
                i.check(),
                i.status(),
                i.detail(),
                (System.nanoTime() - started) / 1_000_000,
                i.findings());
    }
}
