package sr.gov.vpflow.governance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
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
import sr.gov.vpflow.governance.ValidationReport.Item;
import sr.gov.vpflow.governance.ValidationReport.Status;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ReadPaths;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.ActingUser;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * Section 1 of the checklist: the v1.0 queries run and return what they returned, every v1.0 record is still
 * there unchanged, and the v1.0 schema is only extended (or, on demand, is the one of the newest
 * restore point).
 */
final class V10Check extends ChecklistSection {

    /**
     * Tables whose rows are not records: web sessions and sign-in counters come and go, and each
     * user changes their own mail preferences at any time.
     */
    private static final Set<String> NOT_RECORDS = Set.of("access_tokens", "sign_in_sources", "mail_preferences");

    /** Which audited kinds of record change which table (for office work during a migration). */
    private static final Map<String, Set<String>> CHANGED_BY = Map.ofEntries(
            Map.entry("users", Set.of("user")),
            Map.entry("guests", Set.of("guest")),
            Map.entry("appointments", Set.of("appointment", "appointment_series")),
            Map.entry("appointment_series", Set.of("appointment_series")),
            Map.entry("cases", Set.of("case")),
            Map.entry("case_reference_counters", Set.of("case")),
            Map.entry("documents", Set.of("document")),
            Map.entry("document_links", Set.of("document")),
            Map.entry("case_notes", Set.of("case")),
            Map.entry("holidays", Set.of("holiday")),
            Map.entry("mail_outbox", Set.of("mail")),
            Map.entry("mail_daily_rounds", Set.of("mail")));

    /** Every module's read paths, in one order whichever way the beans come. */
    private final List<ReadPaths.ReadPath> queries;

    V10Check(
            OwnerDatabase database,
            ApplicationLogin login,
            Operators operators,
            RestorePoints restorePoints,
            List<ReadPaths> modules) {
        super(database, login, operators, restorePoints);
        this.queries = modules.stream()
                .flatMap(m -> m.readPaths().stream())
                .sorted(java.util.Comparator.comparing(ReadPaths.ReadPath::name))
                .toList();
        if (queries.isEmpty()) {
            // a validation that compares nothing would pass whatever the plan did
            throw new IllegalStateException("no module publishes its read paths");
        }
    }

    Item compareQueries(Baseline baseline, Set<String> concurrent) {
        Map<String, Baseline.QueryResult> now = runQueries(baseline.auditHead());
        List<String> wrong = new ArrayList<>();
        List<String> changedByWork = new ArrayList<>();
        int same = 0;
        for (ReadPaths.ReadPath q : queries) {
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
                same + " of " + queries.size() + " queries identical, run as vp, secretary and admin"
                        + (changedByWork.isEmpty() ? "" : ", " + changedByWork.size() + " changed by office work"),
                findings);
    }

    Item queriesRun() {
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

    Item compareTables(MigrationPlan plan, Baseline baseline, Set<String> concurrent) {
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

    Item schemaOnlyExtended(MigrationPlan plan, Baseline baseline) {
        List<String> now = schemaNow();
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

    Item schemaAsRecorded() {
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
    /** Each v1.0 query runs as the system with its role's rights, through the application's login. */
    Map<String, Baseline.QueryResult> runQueries(long head) {
        Map<String, Baseline.QueryResult> results = new LinkedHashMap<>();
        Map<String, Operators.Operator> roles = new LinkedHashMap<>();
        try (Connection c = login.connect("validation")) {
            for (ReadPaths.ReadPath q : queries) {
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

    static Baseline.QueryResult run(Connection c, ReadPaths.ReadPath q, long head, Actor actor) {
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
    Map<String, String> tableDigests(MigrationPlan plan, long head, int rank, List<String> tables) {
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
                                "SELECT count(*) || ':' || coalesce(sum(hashtextextended(" + row(plan, table)
                                        + ", 0)::numeric), 0) FROM vpflow." + RestorePointWriter.quote(table) + " t"
                                        + where));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tables: " + e.getMessage(), e);
        }
        return digests;
    }
    /**
     * A row as the digest reads it: the whole row, or, for a table to which the plan adds columns
     * (v1.2: cases.for_decision), the row without them, so that before and after compare what was there.
     */
    private static String row(MigrationPlan plan, String table) {
        String prefix = "column " + table + ".";
        List<String> added = plan.schemaAdditions().stream()
                .filter(a -> a.startsWith(prefix))
                .map(a -> a.substring(prefix.length()).strip())
                .filter(column -> column.matches("[a-z_][a-z0-9_]*"))
                .toList();
        if (added.isEmpty()) {
            return "t::text";
        }
        return "(to_jsonb(t) - ARRAY["
                + String.join(", ", added.stream().map(col -> "'" + col + "'").toList()) + "]::text[])::text";
    }

    /** The kinds of record the office changed since the baseline (every change is audited). */
    Set<String> concurrentWork(long head) {
        try (Connection c = owner().getConnection()) {
            return new LinkedHashSet<>(RestorePointWriter.list(
                    c, "SELECT DISTINCT entity_type FROM vpflow.audit_logs WHERE seq > " + head));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
