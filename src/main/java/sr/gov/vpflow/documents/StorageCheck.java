package sr.gov.vpflow.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Reads every active document's content in the store again and compares it with its SHA-256:
 * what is missing or corrupt is listed by document id and content address (never by title). Also
 * finds content that no document record names (an upload cut off between storing its content and
 * committing its record, the uploads undone by a restore) and, as {@code storage gc}, removes it
 * once it is older than a grace period and no restore point's records name it either.
 */
@Service
public class StorageCheck {

    private static final Logger log = LoggerFactory.getLogger(StorageCheck.class);

    private final DocumentService documents;
    private final DocumentStore store;
    private final SchemaFeatures features;
    private final Operators operators;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;

    StorageCheck(
            DocumentService documents,
            DocumentStore store,
            SchemaFeatures features,
            Operators operators,
            AuditLog audit,
            TransactionTemplate tx,
            Clock clock) {
        this.documents = documents;
        this.store = store;
        this.features = features;
        this.operators = operators;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** A document whose content is not as recorded. */
    public record Problem(UUID documentId, String address, long size, String problem) {}

    /**
     * {@code checked} documents, {@code bytes} read, the problems found, and the content that no
     * record names (not a problem of a record: {@code storage gc} removes it).
     */
    public record Result(
            boolean intact, int checked, long bytes, List<Problem> problems, List<DocumentStore.Stored> unreferenced) {}

    /**
     * What {@code storage gc} found: content no record names, removed or (a dry run) to be removed;
     * {@code young} stays for its grace period, {@code inRestorePoints} because a restore point's
     * records name it.
     */
    public record Collection(
            boolean removed, List<DocumentStore.Stored> garbage, long bytes, int young, int inRestorePoints) {}

    /**
     * Checks every active document. Only the Vice President's role sees every document, so the
     * list is read with that role's rights (as the system, not as a person); nothing is changed.
     */
    public Result verify() {
        if (!features.isDocuments()) {
            return new Result(true, 0, 0, List.of(), List.of()); // a v1.0 database has no documents
        }
        List<DocumentRepository.Row> rows = operators.callAs(Role.VP, "cli", documents::active);
        List<DocumentStore.Stored> unreferenced = unreferenced();
        List<Problem> problems = new ArrayList<>();
        long bytes = 0;
        for (DocumentRepository.Row row : rows) {
            DocumentStore.Check check = store.check(row.filePath(), row.fileSize());
            if (check == DocumentStore.Check.INTACT) {
                bytes += row.fileSize();
            } else {
                String what = check.name().toLowerCase(java.util.Locale.ROOT);
                log.error("document {}: content {} is {}", row.id(), row.filePath(), what);
                problems.add(new Problem(row.id(), row.filePath(), row.fileSize(), what));
            }
        }
        if (!unreferenced.isEmpty()) {
            log.warn(
                    "{} contents in the document store are named by no record (storage gc removes them)",
                    unreferenced.size());
        }
        return new Result(problems.isEmpty(), rows.size(), bytes, List.copyOf(problems), unreferenced);
    }

    /** Content that no document record names, read while the server may be storing more. */
    private List<DocumentStore.Stored> unreferenced() {
        try {
            // contents first, records after: a content stored meanwhile is either in the first list
            // with its record in the second, or not in the first list at all
            List<DocumentStore.Stored> contents = store.contents();
            Set<String> named = operators.callAs(Role.VP, "cli", documents::referencedAddresses);
            return contents.stream()
                    .filter(c -> !named.contains(c.address()))
                    .sorted(java.util.Comparator.comparing(DocumentStore.Stored::address))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the document store", e);
        }
    }

    /**
     * Removes content that no document record names, once it is older than {@code grace} (an upload
     * between storing its content and committing its record is never touched) and unless a restore
     * point's records name it ({@code inRestorePoints}). Without {@code remove} it only says what
     * would go. A removal is recorded in the audit log.
     */
    public Collection collect(Set<String> inRestorePoints, Duration grace, boolean remove, String channel) {
        if (!features.isDocuments()) {
            return new Collection(remove, List.of(), 0, 0, 0);
        }
        Instant before = clock.instant().minus(grace);
        List<DocumentStore.Stored> unreferenced = unreferenced();
        List<DocumentStore.Stored> garbage = unreferenced.stream()
                .filter(c -> c.storedAt().isBefore(before) && !inRestorePoints.contains(c.address()))
                .toList();
        int young = (int) unreferenced.stream()
                .filter(c -> !c.storedAt().isBefore(before))
                .count();
        int kept = (int) unreferenced.stream()
                .filter(c -> c.storedAt().isBefore(before) && inRestorePoints.contains(c.address()))
                .count();
        long bytes = garbage.stream().mapToLong(DocumentStore.Stored::size).sum();
        if (remove) {
            store.cleanAbandonedUploads(grace);
        }
        if (!remove || garbage.isEmpty()) {
            return new Collection(false, garbage, bytes, young, kept);
        }
        // the names again, just before removing: a record made since the list was read keeps its content
        Set<String> named = operators.callAs(Role.VP, channel, documents::referencedAddresses);
        List<DocumentStore.Stored> removed = new ArrayList<>();
        for (DocumentStore.Stored content : garbage) {
            if (named.contains(content.address())) {
                continue;
            }
            try {
                if (store.remove(content.address(), before)) {
                    removed.add(content);
                }
            } catch (IOException e) {
                log.error("could not remove content {}: {}", content.address(), e.getMessage());
            }
        }
        long removedBytes =
                removed.stream().mapToLong(DocumentStore.Stored::size).sum();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("removed", removed.size());
        details.put("bytes", removedBytes);
        details.put("grace_hours", grace.toHours());
        details.put(
                "addresses",
                removed.stream().limit(1000).map(DocumentStore.Stored::address).toList());
        operators.runAs(
                Role.ADMIN,
                channel,
                () -> tx.executeWithoutResult(
                        status -> audit.record(new AuditEvent("storage_collected", "system", null, details))));
        log.info("storage gc removed {} contents that no record names ({} bytes)", removed.size(), removedBytes);
        return new Collection(true, List.copyOf(removed), removedBytes, young, kept);
    }
}
