package sr.gov.vpflow.documents;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.tika.exception.TikaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Extracts the text of documents that wait for it, one transaction each: the row is claimed with
 * FOR UPDATE SKIP LOCKED, so several servers (and the command line beside them) never extract the
 * same document at once; the content is read from the store, checked against its address, parsed,
 * and the text written in the same transaction. A content the store cannot give just now is tried
 * again later; one the parser refuses is marked failed with the reason, and tried again only when
 * an operator asks ({@code search index --again}).
 */
@Component
public class DocumentIndexer {

    /** The indexer's operator token is named so; the database lets only it write the texts. */
    static final String PURPOSE = "search-index";

    private static final String CHANNEL = "search-index";
    private static final Duration RETRY = Duration.ofMinutes(5);
    /** A content that cannot be read this often in a row is given up (until asked again). */
    private static final int MAX_ATTEMPTS = 12;

    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DocumentIndexer.class);

    private final DocumentTextRepository texts;
    private final DocumentStore store;
    private final TextExtractor extractor;
    private final Operators operators;
    private final TransactionTemplate tx;
    private final SchemaFeatures features;
    private final Clock clock;

    DocumentIndexer(
            DocumentTextRepository texts,
            DocumentStore store,
            TextExtractor extractor,
            Operators operators,
            TransactionTemplate tx,
            SchemaFeatures features,
            Clock clock) {
        this.texts = texts;
        this.store = store;
        this.extractor = extractor;
        this.operators = operators;
        this.tx = tx;
        this.features = features;
        this.clock = clock;
    }

    /** What a run did. */
    public record Run(int indexed, int empty, int failed, int later) {
        public int total() {
            return indexed + empty + failed + later;
        }
    }

    /** Extracts the text of at most {@code max} waiting documents; nothing before v1.3. */
    public Run indexPending(int max) {
        return indexPending(max, line -> {});
    }

    /**
     * Extracts the text of at most {@code max} waiting documents, telling how far it is every few
     * seconds (the command line's progress).
     */
    public Run indexPending(int max, Consumer<String> progress) {
        if (!features.isSearch()) {
            return new Run(0, 0, 0, 0);
        }
        int[] counts = new int[4];
        Instant reported = clock.instant();
        try (Operators.Operator indexer = operators.open(Role.VP, CHANNEL, PURPOSE)) {
            for (int i = 0; i < max; i++) {
                Optional<Outcome> outcome = ActorContext.callAs(indexer.actor(), () -> tx.execute(s -> indexOne()));
                if (outcome == null || outcome.isEmpty()) {
                    break;
                }
                counts[outcome.get().ordinal()]++;
                if (Duration.between(reported, clock.instant()).compareTo(REPORT_EVERY) >= 0) {
                    reported = clock.instant();
                    progress.accept("  " + (i + 1) + " documents read: " + counts[0] + " with text, " + counts[1]
                            + " without, " + counts[2] + " failed, " + counts[3] + " to try later");
                }
            }
        }
        return new Run(counts[0], counts[1], counts[2], counts[3]);
    }

    /** How many documents are in each state (pending, indexed, empty, failed), as the indexer sees them. */
    public Map<String, Long> counts() {
        try (Operators.Operator indexer = operators.open(Role.VP, CHANNEL, PURPOSE)) {
            return ActorContext.callAs(indexer.actor(), () -> tx.execute(s -> texts.counts()));
        }
    }

    /** Sets documents to wait for their text again (all, or those failed or without text); returns how many. */
    public int again(boolean all) {
        try (Operators.Operator indexer = operators.open(Role.VP, CHANNEL, PURPOSE)) {
            return ActorContext.callAs(indexer.actor(), () -> tx.execute(s -> texts.again(all)));
        }
    }

    private enum Outcome {
        INDEXED,
        EMPTY,
        FAILED,
        LATER
    }

    private Optional<Outcome> later(DocumentTextRepository.Claimed document, String why) {
        if (document.attempts() + 1 >= MAX_ATTEMPTS) {
            texts.failed(document.documentId(), why);
            log.warn(
                    "document {}: its content could not be read {} times, given up",
                    document.documentId(),
                    MAX_ATTEMPTS);
            return Optional.of(Outcome.FAILED);
        }
        texts.later(document.documentId(), RETRY, why);
        log.warn("document {}: its content could not be read just now, tried again later", document.documentId());
        return Optional.of(Outcome.LATER);
    }

    private Optional<Outcome> indexOne() {
        Optional<DocumentTextRepository.Claimed> claimed = texts.claim();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        DocumentTextRepository.Claimed document = claimed.get();
        TextExtractor.Extracted extracted;
        try (InputStream in =
                store.open(document.filePath(), document.fileSize()).open(0, document.fileSize())) {
            extracted = extractor.extract(in, document.fileType());
        } catch (ContentException e) {
            if ("content_unavailable".equals(e.code())) {
                return later(document, "the store could not be read: " + e.getMessage());
            }
            texts.failed(document.documentId(), e.code() + ": " + e.getMessage());
            log.warn("document {}: no text, its content is {}", document.documentId(), e.code());
            return Optional.of(Outcome.FAILED);
        } catch (IOException e) {
            // the store's connection broke while reading; not the content's fault
            return later(document, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (TikaException | RuntimeException e) {
            texts.failed(document.documentId(), e.getClass().getSimpleName() + ": " + e.getMessage());
            log.warn(
                    "document {}: the parser refused it ({})",
                    document.documentId(),
                    e.getClass().getSimpleName());
            return Optional.of(Outcome.FAILED);
        }
        texts.indexed(document.documentId(), extracted.text(), extracted.note());
        log.info(
                "document {}: {} characters of text{}",
                document.documentId(),
                extracted.text().length(),
                extracted.note() == null ? "" : " (" + extracted.note() + ")");
        return Optional.of(extracted.text().isEmpty() ? Outcome.EMPTY : Outcome.INDEXED);
    }
}
