package sr.gov.vpflow.governance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import tools.jackson.databind.JsonNode;

/**
 * Where the governed migrations stand, for the administrator's page: the plans this build knows
 * with their applied and pending migrations, and the reports the runs wrote. It reads only; a plan
 * runs on the command line ({@code migrate}), where its approvals are given.
 */
@Component
class MigrationStatus {

    private static final Logger log = LoggerFactory.getLogger(MigrationStatus.class);
    /** A report's name as {@link MigrationReportFiles} makes it, without its extension. */
    private static final Pattern REPORT = Pattern.compile("migrate-[A-Za-z0-9._-]{1,80}-\\d{8}-\\d{6}(-\\d{1,4})?");

    private final FlywaySteps flyway;
    private final Path reports;

    MigrationStatus(OwnerDatabase database, VpFlowProperties properties, GovernanceSettings settings) {
        this.flyway = new FlywaySteps(database);
        this.reports = settings.reports(properties).toAbsolutePath();
    }

    /** A plan with what of it is applied. */
    record PlanState(MigrationPlan plan, List<String> applied, List<String> pending) {

        /** {@code applied}, {@code pending}, or {@code partial} (only after a run that failed midway). */
        public String state() {
            return pending.isEmpty() ? "applied" : applied.isEmpty() ? "pending" : "partial";
        }

        /** The command that applies it, with the approvals to fill in. */
        public String command() {
            return "java -jar vpflow.jar migrate --plan " + plan.name()
                    + " --approve-plan 'APPROVER|REFERENCE|YYYY-MM-DD' --approve-rls 'APPROVER|REFERENCE|YYYY-MM-DD'";
        }
    }

    /** A report as the list shows it: what its JSON says of the run. */
    record ReportFile(String name, String plan, String outcome, String startedAt, long durationMs, String summary) {

        /** When the run started, or none when the report does not say it readably. */
        public OffsetDateTime started() {
            try {
                return startedAt == null ? null : OffsetDateTime.parse(startedAt);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    String schemaVersion() {
        return flyway.schemaVersion();
    }

    List<PlanState> plans() {
        Set<String> applied = flyway.applied();
        return MigrationPlans.all().stream()
                .map(plan -> new PlanState(
                        plan,
                        plan.versions().stream().filter(applied::contains).toList(),
                        plan.versions().stream()
                                .filter(v -> !applied.contains(v))
                                .toList()))
                .toList();
    }

    Path reportFolder() {
        return reports;
    }

    /** Every report written in the reports folder, the newest first. */
    List<ReportFile> reports() {
        if (!Files.isDirectory(reports)) {
            return List.of();
        }
        List<ReportFile> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.json$", "");
                if (REPORT.matcher(name).matches()) {
                    found.add(read(name, file));
                }
            }
        } catch (IOException e) {
            log.warn("cannot list the reports in {}: {}", reports, e.getMessage());
        }
        found.sort(Comparator.comparing(ReportFile::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ReportFile::name)
                .reversed());
        return found;
    }

    /** The report for people ({@code .txt}) by its name, if it is one of the reports folder. */
    Optional<String> reportText(String name) {
        if (name == null || !REPORT.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = reports.resolve(name + ".txt");
        if (!file.getParent().equals(reports) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("cannot read the report {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static ReportFile read(String name, Path file) {
        try {
            JsonNode report = Manifests.JSON.readTree(file.toFile());
            return new ReportFile(
                    name,
                    text(report.path("plan")),
                    text(report.path("outcome")),
                    text(report.path("started_at")),
                    report.path("duration_ms").isNumber()
                            ? report.path("duration_ms").longValue()
                            : 0,
                    text(report.path("summary")));
        } catch (RuntimeException e) {
            return new ReportFile(name, null, null, null, 0, "unreadable: " + e.getMessage());
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }
}
