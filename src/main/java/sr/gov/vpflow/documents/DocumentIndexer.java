package sr.gov.vpflow.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Extracts the text of documents that wait for it. A document is first leased in a short
 * transaction (claimed with FOR UPDATE SKIP LOCKED, its attempt counted and its next turn set
 * {@link #LEASE} ahead), so that several servers and the command line never read the same one
 * and a server that dies while reading leaves it to be tried again later, not lost. Then, with no
 * transaction open, its content is copied from the store to a temporary file (checked against its
 * address: a store that cannot give it just now means "later") and parsed (a parser that refuses it
 * means "failed", with the reason); the outcome is written in a transaction of its own. A document
 * tried {@link #MAX_ATTEMPTS} times without an outcome (a parser that brings the server down, say)
 * is marked failed when it comes up again. Failed documents are read again only when an operator
 * asks ({@code search index --retry}).
 */
@Component
public class DocumentIndexer {

    /** The indexer's operator token is named so; the database lets only it write the texts. */
    static final String PURPOSE = "search-index";

    private static final String CHANNEL = "search-index";
    /** How long a document is held by the one reading it; long enough for OCR of a long scan. */
    static final Duration LEASE = Duration.ofMinutes(30);
    /** A store that cannot give the content just now is asked again this much later. */
    private static final Duration RETRY = Duration.ofMinutes(5);
    /** Tries without an outcome before a document is given up (until asked again). */
    static final int MAX_ATTEMPTS = 12;
    /** An operator token lives an hour; the indexer takes a new one well before. */
    private static final Duration TOKEN_AGE = Duration.ofMinutes(20);

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
        Operators.Operator indexer = operators.open(Role.VP, CHANNEL, PURPOSE);
        Instant issued = clock.instant();
        try {
            for (int i = 0; i < max; i++) {
                if (Duration.between(issued, clock.instant()).compareTo(TOKEN_AGE) > 0) {
                    indexer.close();
                    indexer = operators.open(Role.VP, CHANNEL, PURPOSE);
                    issued = clock.instant();
                }
                Optional<Outcome> outcome = indexOne(indexer);
                if (outcome.isEmpty()) {
                    break;
                }
                counts[outcome.get().ordinal()]++;
                if (Duration.between(reported, clock.instant()).compareTo(REPORT_EVERY) >= 0) {
                    reported = clock.instant();
                    progress.accept("  " + (i + 1) + " documents read: " + counts[0] + " with text, " + counts[1]
                            + " without, " + counts[2] + " failed, " + counts[3] + " to try later");
                }
            }
        } finally {
            indexer.close();
        }
        return new Run(counts[0], counts[1], counts[2], counts[3]);
    }

    /** How many documents are in each state (pending, indexed, empty, failed), as the indexer sees them. */
    public Map<String, Long> counts() {
        try (Operators.Operator indexer = operators.open(Role.VP, CHANNEL, PURPOSE)) {
            return in(indexer, texts::counts);
        }
    }

    /** Sets documents to wait for their text again (all, or those failed or without text); returns how many. */
    public int again(boolean all) {
        try (Operators.Operator indexer = operators.open(Role.VP, CHANNEL, PURPOSE)) {
            return in(indexer, () -> texts.again(all));
        }
    }

    private enum Outcome {
        INDEXED,
        EMPTY,
        FAILED,
        LATER
    }

    private <T> T in(Operators.Operator indexer, Supplier<T> work) {
        return ActorContext.callAs(indexer.actor(), () -> tx.execute(s -> work.get()));
    }

    private Optional<Outcome> indexOne(Operators.Operator indexer) {
        Optional<DocumentTextRepository.Claimed> claimed = in(indexer, () -> texts.lease(LEASE));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        DocumentTextRepository.Claimed document = claimed.get();
        if (document.attempts() > MAX_ATTEMPTS) {
            return Optional.of(fail(indexer, document, "given up after " + MAX_ATTEMPTS + " tries without an outcome"));
        }
        Path copy;
        try {
            copy = copyOut(document);
        } catch (ContentException e) {
            if ("content_unavailable".equals(e.code())) {
                return Optional.of(later(indexer, document, "the store could not be read: " + e.getMessage()));
            }
            return Optional.of(fail(indexer, document, e.code() + ": " + e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            return Optional.of(later(indexer, document, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        try {
            TextExtractor.Extracted extracted;
            try {
                extracted = extractor.extract(copy, document.fileType());
            } catch (Throwable e) { // a parser's failure of any kind is the document's outcome, not the indexer's end
                if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
                    throw (VirtualMachineError) e;
                }
                return Optional.of(fail(
                        indexer,
                        document,
                        "the parser refused it: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            return Optional.of(write(indexer, document, extracted));
        } finally {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                log.warn("could not remove the temporary copy {}: {}", copy, e.getMessage());
            }
        }
    }

    /** The content, checked against its address, in a temporary file of its own. */
    private Path copyOut(DocumentTextRepository.Claimed document) throws IOException {
        Path copy = Files.createTempFile("vpflow-text-", ".content");
        try (InputStream in =
                store.open(document.filePath(), document.fileSize()).open(0, document.fileSize())) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    private Outcome write(
            Operators.Operator indexer, DocumentTextRepository.Claimed document, TextExtractor.Extracted extracted) {
        String text = extracted.text();
        String note = extracted.note();
        // a text of very many different words may not fit PostgreSQL's search column (1 MB): shorter then
        for (int tries = 0; ; tries++) {
            String kept = text;
            String keptNote = note;
            try {
                in(indexer, () -> {
                    texts.indexed(document.documentId(), kept, keptNote);
                    return null;
                });
                log.info(
                        "document {}: {} characters of text{}",
                        document.documentId(),
                        text.length(),
                        note == null ? "" : " (" + note + ")");
                return text.isEmpty() ? Outcome.EMPTY : Outcome.INDEXED;
            } catch (DataAccessException e) {
                if (tries < 3 && TextExtractor.isTooManyWords(e)) {
                    text = TextExtractor.shortened(text, text.length() / 3);
                    note = "only the first " + text.length() + " characters are searched (too many different words)";
                    continue;
                }
                return fail(
                        indexer,
                        document,
                        "its text could not be kept: "
                                + e.getMostSpecificCause().getMessage());
            }
        }
    }

    private Outcome later(Operators.Operator indexer, DocumentTextRepository.Claimed document, String why) {
        if (document.attempts() >= MAX_ATTEMPTS) {
            return fail(indexer, document, why + " (" + MAX_ATTEMPTS + " tries)");
        }
        in(indexer, () -> {
            texts.later(document.documentId(), RETRY, why);
            return null;
        });
        log.warn("document {}: its content could not be read just now, tried again later", document.documentId());
        return Outcome.LATER;
    }

    private Outcome fail(Operators.Operator indexer, DocumentTextRepository.Claimed document, String why) {
        in(indexer, () -> {
            texts.failed(document.documentId(), why);
            return null;
        });
        log.warn("document {}: no text ({})", document.documentId(), why.replaceAll("\\s+", " "));
        return Outcome.FAILED;
    }
}
