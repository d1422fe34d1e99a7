package sr.gov.vpflow.governance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import sr.gov.vpflow.audit.AuditCheckpoints;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.SafeFiles;

/** A run's report, for people (text) and for machines (JSON), each file written safely in the reports folder. */
final class MigrationReportFiles {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path folder;
    private final AuditCheckpoints checkpoints;
    private final Clock clock;

    MigrationReportFiles(Path folder, AuditCheckpoints checkpoints, Clock clock) {
        this.folder = folder;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    Path folder() {
        return folder;
    }

    /** Writes the report and names its two files in it. */
    MigrationReport write(MigrationReport report) {
        String base = "migrate-" + report.plan() + "-" + OfficeTime.now(clock).format(STAMP);
        Path text = folder.resolve(base + ".txt");
        Path json = folder.resolve(base + ".json");
        for (int i = 2; Files.exists(text) || Files.exists(json); i++) {
            text = folder.resolve(base + "-" + i + ".txt");
            json = folder.resolve(base + "-" + i + ".json");
        }
        // the run's own event is anchored already (GovernanceAudit); a run that changed nothing
        // names the newest checkpoint there is
        MigrationReport named = report.written(
                List.of(text.toString(), json.toString()),
                checkpoints.newestAnchor().orElse(null));
        SafeFiles.writeString(json, named.json());
        SafeFiles.writeString(text, named.text());
        return named;
    }
}
