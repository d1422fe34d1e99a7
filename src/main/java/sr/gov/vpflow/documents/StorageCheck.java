package sr.gov.vpflow.documents;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Reads every active document's content in the store again and compares it with its SHA-256:
 * what is missing or corrupt is listed by document id and content address (never by title).
 */
@Service
public class StorageCheck {

    private static final Logger log = LoggerFactory.getLogger(StorageCheck.class);

    private final DocumentService documents;
    private final DocumentStore store;
    private final SchemaFeatures features;
    private final Operators operators;

    StorageCheck(DocumentService documents, DocumentStore store, SchemaFeatures features, Operators operators) {
        this.documents = documents;
        this.store = store;
        this.features = features;
        this.operators = operators;
    }

    /** A document whose content is not as recorded. */
    public record Problem(UUID documentId, String address, long size, String problem) {}

    /** {@code checked} documents, {@code bytes} read, the problems found. */
    public record Result(boolean intact, int checked, long bytes, List<Problem> problems) {}

    /**
     * Checks every active document. Only the Vice President's role sees every document, so the
     * list is read with that role's rights (as the system, not as a person); nothing is changed.
     */
    public Result verify() {
        if (!features.isDocuments()) {
            return new Result(true, 0, 0, List.of()); // a v1.0 database has no documents
        }
        List<DocumentRepository.Row> rows = operators.callAs(Role.VP, "cli", documents::active);
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
        return new Result(problems.isEmpty(), rows.size(), bytes, List.copyOf(problems));
    }
}
