package sr.gov.vpflow.documents;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.Operators;

/**
 * {@code storage migrate}: copies every content of the store in use (VPFLOW_STORAGE) to the other
 * one, while the server runs. Each copy is received by the target as an upload is, hashed on the
 * way and kept only when it matches its address; content the target holds intact already is
 * skipped, so a run cut off is resumed by running it again. Contents stored while it runs are
 * picked up by another pass. It never switches by itself: it says whether every content that a
 * record names is in the target, verified, and the operator switches VPFLOW_STORAGE then.
 */
@Service
public class StorageMigration {

    private static final Logger log = LoggerFactory.getLogger(StorageMigration.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final DocumentStore source;
    private final DocumentSettings settings;
    private final DocumentService documents;
    private final SchemaFeatures features;
    private final Operators operators;
    private final Clock clock;

    StorageMigration(
            DocumentStore source,
            DocumentSettings settings,
            DocumentService documents,
            SchemaFeatures features,
            Operators operators,
            Clock clock) {
        this.source = source;
        this.settings = settings;
        this.documents = documents;
        this.features = features;
        this.operators = operators;
        this.clock = clock;
    }

    /**
     * What a run did: {@code copied} contents (of {@code bytes}), {@code present} found intact in
     * the target already, {@code failed} not copied (address and reason), {@code missingAtSource}
     * named by a record but in neither store; {@code ready} when every content a record names is
     * in the target, verified, and nothing failed.
     */
    public record Result(
            String from,
            String to,
            int contents,
            int copied,
            int present,
            long bytes,
            List<String> failed,
            List<String> missingAtSource,
            boolean ready) {}

    /** Copies every content to the store of kind {@code to} ({@code local} or {@code s3}). */
    public Result migrate(String to, Consumer<String> progress) {
        if (!DocumentSettings.LOCAL.equals(to) && !DocumentSettings.S3.equals(to)) {
            throw ProblemException.badRequest("invalid_parameter", "--to is local or s3.");
        }
        if (to.equals(settings.kind())) {
            throw ProblemException.badRequest(
                    "already_in_store",
                    "The documents are stored in " + to + " already (VPFLOW_STORAGE=" + settings.kind()
                            + "); storage migrate copies them from the store in use to the other one.");
        }
        DocumentStore target;
        try {
            target = DocumentsConfiguration.create(to, settings, clock);
        } catch (IllegalStateException e) {
            throw ProblemException.badRequest("invalid_parameter", e.getMessage());
        }
        try {
            return migrate(target, progress);
        } finally {
            if (target instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.debug("could not close the target store: {}", e.getMessage());
                }
            }
        }
    }

    private Result migrate(DocumentStore target, Consumer<String> progress) {
        String from = DocumentsConfiguration.where(source, settings);
        String to = DocumentsConfiguration.where(target, settings);
        log.info("storage migrate from {} to {} begins", from, to);
        Run run = new Run(target, from, to, progress);
        run.passes();
        List<String> missingAtSource = new ArrayList<>();
        if (features.isDocuments()) {
            // a record commits only after its content is stored: a listing made after the names were
            // read holds the content of every one of them that the source holds
            Set<String> named = operators.callAs(Role.VP, "cli", documents::referencedAddresses);
            run.passes();
            for (String address : named) {
                if (!run.seen.contains(address)) {
                    missingAtSource.add(address);
                }
            }
            missingAtSource.sort(null);
        }
        List<String> failed = run.failed;
        Counts counts = run.counts;
        Set<String> seen = run.seen;
        boolean ready = failed.isEmpty() && missingAtSource.isEmpty();
        log.info(
                "storage migrate from {} to {}: {} contents, {} copied ({} bytes), {} there already, {} failed,"
                        + " {} missing at the source; {}",
                from,
                to,
                seen.size(),
                counts.copied,
                counts.bytes,
                counts.present,
                failed.size(),
                missingAtSource.size(),
                ready ? "ready to switch" : "not ready to switch");
        return new Result(
                from,
                to,
                seen.size(),
                counts.copied,
                counts.present,
                counts.bytes,
                List.copyOf(failed),
                List.copyOf(missingAtSource),
                ready);
    }

    /** One run's passes over the source, and what they did. */
    private final class Run {
        final DocumentStore target;
        final String from;
        final String to;
        final Consumer<String> progress;
        final Set<String> seen = new HashSet<>();
        final List<String> failed = new ArrayList<>();
        final Counts counts = new Counts();
        Instant nextReport = clock.instant().plus(PROGRESS_EVERY);

        Run(DocumentStore target, String from, String to, Consumer<String> progress) {
            this.target = target;
            this.from = from;
            this.to = to;
            this.progress = progress;
        }

        /** Passes until a listing of the source names nothing new: what is uploaded during one goes by the next. */
        void passes() {
            while (true) {
                List<DocumentStore.Stored> todo = list(source).stream()
                        .filter(c -> !seen.contains(c.address()))
                        .sorted(Comparator.comparing(DocumentStore.Stored::address))
                        .toList();
                if (todo.isEmpty()) {
                    return;
                }
                long bytes = todo.stream().mapToLong(DocumentStore.Stored::size).sum();
                progress.accept((seen.isEmpty() ? "copying " : "copying what was stored meanwhile: ") + todo.size()
                        + " contents (" + bytes + " bytes) from " + from + " to " + to);
                for (DocumentStore.Stored content : todo) {
                    seen.add(content.address());
                    String problem = copy(content, target, counts);
                    if (problem != null) {
                        failed.add(content.address() + ": " + problem);
                        log.error("storage migrate: content {} not copied: {}", content.address(), problem);
                        progress.accept("FAILED " + content.address() + ": " + problem);
                    }
                    if (clock.instant().isAfter(nextReport)) {
                        nextReport = clock.instant().plus(PROGRESS_EVERY);
                        progress.accept("  " + seen.size() + " contents: " + counts.copied + " copied ("
                                + counts.bytes + " bytes), " + counts.present + " there already, " + failed.size()
                                + " failed");
                    }
                }
            }
        }
    }

    private static final class Counts {
        int copied;
        int present;
        long bytes;
    }

    /** Copies one content unless the target holds it intact; the problem, or null when it is there. */
    private String copy(DocumentStore.Stored content, DocumentStore target, Counts counts) {
        String address = content.address();
        if (target.check(address, content.size()) == DocumentStore.Check.INTACT) {
            counts.present++;
            return null;
        }
        DocumentStore.Content original;
        try {
            original = source.open(address, content.size());
        } catch (ContentException e) {
            return e.code() + " in the source store (storage verify names its document)";
        } catch (RuntimeException e) {
            return "cannot read it in the source store: " + e.getMessage();
        }
        DocumentStore.Staged staged;
        try (InputStream in = original.open(0, content.size())) {
            staged = target.receive(in, content.size());
        } catch (IOException | RuntimeException e) {
            return "cannot copy it: " + e.getMessage();
        }
        if (staged.size() != content.size() || !address.equals(ContentAddress.of(staged.sha256()))) {
            target.discard(staged);
            return "its copy does not match its address; not kept";
        }
        try {
            target.keep(staged);
        } catch (IOException e) {
            return "cannot keep it in the target store: " + e.getMessage();
        }
        counts.copied++;
        counts.bytes += content.size();
        return null;
    }

    private static List<DocumentStore.Stored> list(DocumentStore store) {
        try {
            return store.contents();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list the document store", e);
        }
    }
}
