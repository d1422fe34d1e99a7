package sr.gov.vpflow.governance;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import sr.gov.vpflow.governance.ValidationReport.Item;
import sr.gov.vpflow.governance.ValidationReport.Status;
import sr.gov.vpflow.platform.ReadPaths;
import sr.gov.vpflow.platform.db.ApplicationLogin;
import sr.gov.vpflow.platform.db.Operators;
import sr.gov.vpflow.platform.db.OwnerDatabase;

/**
 * The migration plan's validation checklist (section 9), automated. During a plan it compares the
 * migrated database with a baseline taken just before the migrations; on demand ({@code validate})
 * it checks the database as it is, and its schema against the newest restore point of the same
 * version. Nothing it does stays in the database: its probes run in transactions that are rolled back.
 */
@Service
public class Checklist extends ChecklistSection {

    private final V10Check v10;
    private final RowSecurityCheck rowSecurity;
    private final ReferencesCheck references;
    private final AuditTypesCheck auditTypes;
    private final DurabilityCheck durability;

    Checklist(
            OwnerDatabase database,
            ApplicationLogin login,
            Operators operators,
            RestorePoints restorePoints,
            List<ReadPaths> readPaths) {
        super(database, login, operators, restorePoints);
        this.v10 = new V10Check(database, login, operators, restorePoints, readPaths);
        this.rowSecurity = new RowSecurityCheck(database, login, operators, restorePoints);
        this.references = new ReferencesCheck(database, login, operators, restorePoints);
        this.auditTypes = new AuditTypesCheck(database, login, operators, restorePoints);
        this.durability = new DurabilityCheck(database, login, operators, restorePoints);
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
            Map<String, String> tables = v10.tableDigests(plan, head, rank, Catalog.tables(c));
            progress.report("  baseline: the v1.0 queries as the application runs them");
            Map<String, Baseline.QueryResult> queries = v10.runQueries(head);
            long orphans = ReferencesCheck.auditOrphans(c);
            return new Baseline(schema, tables, queries, head, rank, orphans);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the baseline before the migration: " + e.getMessage(), e);
        }
    }

    // ---- after a plan's migrations ----

    ValidationReport afterMigration(MigrationPlan plan, Baseline baseline, Progress progress) {
        List<Item> items = new ArrayList<>();
        Set<String> concurrent = v10.concurrentWork(baseline.auditHead());
        progress.report("  v1.0 queries");
        items.add(timed(() -> v10.compareQueries(baseline, concurrent)));
        progress.report("  v1.0 records");
        items.add(timed(() -> v10.compareTables(plan, baseline, concurrent)));
        items.add(timed(() -> v10.schemaOnlyExtended(plan, baseline)));
        progress.report("  row-level security");
        items.add(timed(rowSecurity::rowSecurityForced));
        items.add(timed(rowSecurity::matrix));
        progress.report("  foreign keys and polymorphic references");
        items.add(timed(references::foreignKeys));
        items.add(timed(() -> references.polymorphic(baseline.auditOrphans())));
        progress.report("  audit event types");
        items.add(timed(() -> auditTypes.auditAccepts(plan)));
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
            List<String> now = schemaNow();
            SchemaFingerprint.Difference diff = SchemaFingerprint.Difference.between(baseline.schema(), now);
            diff.removed().forEach(l -> problems.add("schema: changed or removed: " + l));
            diff.added().stream()
                    .filter(l -> !l.startsWith("enum "))
                    .forEach(l -> problems.add("schema: still there: " + l));
            Item tables = v10.compareTables(plan, baseline, v10.concurrentWork(baseline.auditHead()));
            if (tables.status() == Status.FAILED) {
                problems.addAll(tables.findings());
            }
        }
        Item queries = v10.queriesRun();
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
        items.add(timed(v10::queriesRun));
        items.add(timed(v10::schemaAsRecorded));
        progress.report("  row-level security");
        items.add(timed(rowSecurity::rowSecurityForced));
        items.add(timed(rowSecurity::matrix));
        progress.report("  foreign keys and polymorphic references");
        items.add(timed(references::foreignKeys));
        items.add(timed(() -> references.polymorphic(-1)));
        progress.report("  durability");
        items.add(timed(durability::durability));
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
                    : auditTypes.auditAccepts(applied);
        }));
        return new ValidationReport(items);
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
}
