package sr.gov.vpflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sr.gov.vpflow.audit.AuditExport;
import sr.gov.vpflow.audit.AuditExportFile;
import sr.gov.vpflow.audit.AuditVerification;
import sr.gov.vpflow.audit.AuditVerifier;
import sr.gov.vpflow.audit.CheckpointCheck;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SafeFiles;
import sr.gov.vpflow.platform.db.Operators;
import tools.jackson.databind.json.JsonMapper;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Works with the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.VerifyExport.class})
class AuditCommand extends CommandGroup {

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Recomputes the audit log's hash chain and names the first row that was changed,",
                "removed or inserted out of order, then compares it with the signed checkpoints kept",
                "outside the database (VPFLOW_AUDIT_CHECKPOINT_DIR): an event changed before a",
                "checkpoint is named even if every later hash was recomputed; events lost after the",
                "newest checkpoint are counted; a checkpoint whose signature fails is reported.",
                "Exit status 0: intact; 3: broken."
            })
    static class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return Cli.withApplication(context -> {
                AuditVerification result = context.getBean(Operators.class)
                        .callAs(
                                Role.ADMIN,
                                "cli",
                                () -> context.getBean(AuditVerifier.class).verify());
                if (json) {
                    out.println(context.getBean(JsonMapper.class).writeValueAsString(result));
                    return result.valid() ? 0 : 3;
                }
                CheckpointCheck checkpoints = result.checkpoints();
                String newest = checkpoints.newest() == null
                        ? ""
                        : ", the newest at row " + checkpoints.newest().seq() + " of "
                                + checkpoints.newest().at();
                if (result.valid()) {
                    out.printf(
                            "audit log intact: %d rows checked, %d signed checkpoints hold%s%n",
                            result.checked(), checkpoints.checked(), newest);
                    return 0;
                }
                if (result.firstBroken() != null) {
                    AuditVerification.BrokenRow broken = result.firstBroken();
                    out.printf(
                            "audit log BROKEN: %d rows checked; first broken row is number %d (%s)%s%n",
                            result.checked(),
                            broken.seq(),
                            broken.reason(),
                            broken.id() == null
                                    ? ""
                                    : ", id " + broken.id() + ", " + broken.eventType() + " at " + broken.occurredAt());
                }
                for (CheckpointCheck.Problem p : checkpoints.problems()) {
                    out.printf(
                            "CHECKPOINT %s%s: %s%n",
                            p.problem(),
                            p.seq() == null
                                    ? ""
                                    : " at row " + p.seq()
                                            + (p.eventType() == null
                                                    ? ""
                                                    : " (" + p.eventType() + " at " + p.occurredAt() + ")"),
                            p.detail());
                }
                out.printf(
                        "audit log NOT intact: %d rows checked, %d signed checkpoints compared%s%n",
                        result.checked(), checkpoints.checked(), newest);
                return result.valid() ? 0 : 3;
            });
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Writes the audit log of a period for an outside auditor, as the Vice President would",
                "from the audit page: one ZIP file with the events as CSV and as JSON lines with their",
                "hashes, the signed checkpoints that cover them, the public key, and a signed manifest.",
                "A checkpoint is written first; the export ends at it. Check it with verify-export."
            })
    static class Export implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, description = "First day (yyyy-mm-dd, office time).")
        String from;

        @Option(names = "--to", required = true, description = "Last day (yyyy-mm-dd, office time).")
        String to;

        @Option(
                names = "--output",
                description = "The file to write (default: vpflow-audit-FROM-TO.zip here). It must not exist.")
        Path output;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path file = output != null ? output : Path.of(AuditExport.fileName(from, to));
            if (Files.exists(file)) {
                throw ProblemException.conflict("file_exists", file + " exists already; choose another --output.");
            }
            Path tmp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".part");
            AuditExport.Written written;
            try {
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, SafeFiles.ownerOnlyFile(tmp));
                written = Cli.withApplication(context -> {
                    try (OutputStream stream = Files.newOutputStream(tmp)) {
                        return context.getBean(Operators.class).callAs(Role.VP, "cli", () -> {
                            try {
                                return context.getBean(AuditExport.class).write(from, to, stream);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                SafeFiles.force(tmp);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            out.printf(
                    "wrote %s: %d events%s, %d signed checkpoints%n",
                    file,
                    written.events(),
                    written.firstSeq() == null
                            ? ""
                            : " (numbers " + written.firstSeq() + " to " + written.lastSeq() + ")",
                    written.checkpoints());
            return 0;
        }
    }

    @Command(
            name = "verify-export",
            mixinStandardHelpOptions = true,
            description = {
                "Checks an audit export without the server or its database, as an auditor would: the file",
                "is byte for byte as written, the manifest's signature and digests hold, every checkpoint's",
                "signature holds, every event's hash recomputes and follows the one before, every event a",
                "checkpoint names has the hash it signed, and the CSV says what the JSON lines say.",
                "--key is the office's public key, obtained separately (the key inside the export shows only",
                "that the file is whole, not who made it). Exit status 0: intact; 3: not."
            })
    static class VerifyExport implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The export (a .zip file).")
        Path file;

        @Option(
                names = "--key",
                required = true,
                description = "The office's public key (PEM), as the auditor received it from the office.")
        Path key;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.isRegularFile(file)) {
                throw ProblemException.notFound("file " + file);
            }
            AuditExportFile.Verification result = AuditExportFile.verify(file, AuditExportFile.publicKey(key));
            if (json) {
                out.println(Cli.json(result));
                return result.valid() ? 0 : 3;
            }
            for (String problem : result.problems()) {
                out.println("PROBLEM " + problem);
            }
            out.printf(
                    "audit export %s: %d events%s of %s to %s, %d signed checkpoints, %d events covered by them;"
                            + " key %s%s%n",
                    result.valid() ? "intact" : "NOT intact",
                    result.events(),
                    result.firstSeq() == null ? "" : " (numbers " + result.firstSeq() + " to " + result.lastSeq() + ")",
                    result.from(),
                    result.to(),
                    result.checkpoints(),
                    result.covered(),
                    result.keyId(),
                    result.keyGiven() ? " (the key you gave)" : " (the key in the file: compare it with the office's)");
            return result.valid() ? 0 : 3;
        }
    }
}
