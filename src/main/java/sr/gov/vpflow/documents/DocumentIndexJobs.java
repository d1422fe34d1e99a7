package sr.gov.vpflow.documents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The server reads the text of new documents in the background, within some seconds after its upload
 * committed. Not in the command line (it has {@code search index}), and not when
 * VPFLOW_SEARCH_INDEXING is off (the tests drive {@link DocumentIndexer} themselves).
 */
@Component
@EnableScheduling
@ConditionalOnExpression("'${vpflow.search.indexing:on}' != 'off' and '${vpflow.mode:serve}' != 'cli'")
class DocumentIndexJobs {

    private static final int BATCH = 50;
    private static final Logger log = LoggerFactory.getLogger(DocumentIndexJobs.class);

    private final DocumentIndexer indexer;

    DocumentIndexJobs(DocumentIndexer indexer) {
        this.indexer = indexer;
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${vpflow.search.index-every:PT10S}")
    void index() {
        try {
            indexer.indexPending(BATCH);
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next run tries again
            log.warn("reading the text of documents failed: {}", e.getMessage());
        }
    }
}
