package sr.gov.vpflow.documents;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * The table document_texts (v1.3): the words of each document, waiting, extracted or refused, and
 * their search. Reading and searching run under the reader's rights (the documents' row-level
 * security decides whose text is found); claiming and writing run as the indexer, whose operator
 * token alone the database lets write.
 */
@Repository
class DocumentTextRepository {

    /** Marks a highlighted word in a snippet; neither can occur in extracted text (cleaned of controls). */
    static final char MARK_START = '\u0002';

    static final char MARK_END = '\u0003';

    /** How much of a text a snippet is looked for in (ts_headline reads what it is given whole). */
    private static final int SNIPPET_SOURCE = 20_000;

    private final JdbcClient jdbc;

    DocumentTextRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A document whose text is to be extracted, claimed until the transaction ends. */
    record Claimed(UUID documentId, String filePath, String fileType, long fileSize, int attempts) {}

    /**
     * The next document waiting for its text that no other indexer holds, leased: its attempt is
     * counted and its next turn set {@code lease} ahead, committed before it is read, so that a reader
     * that dies leaves it to be tried again then. The attempts returned include this one.
     */
    Optional<Claimed> lease(Duration lease) {
        return jdbc.sql("""
                        WITH next AS (
                            SELECT t.document_id FROM document_texts t
                            WHERE t.state = 'pending' AND t.next_attempt_at <= now()
                            ORDER BY t.next_attempt_at, t.document_id
                            LIMIT 1
                            FOR UPDATE SKIP LOCKED),
                        leased AS (
                            UPDATE document_texts t
                            SET attempts = t.attempts + 1,
                                next_attempt_at = now() + make_interval(secs => :seconds)
                            FROM next WHERE t.document_id = next.document_id
                            RETURNING t.document_id, t.attempts)
                        SELECT l.document_id, d.file_path, d.file_type, d.file_size, l.attempts
                        FROM leased l JOIN documents d ON d.id = l.document_id""")
                .param("seconds", lease.toSeconds())
                .query((rs, n) -> new Claimed(
                        rs.getObject("document_id", UUID.class),
                        rs.getString("file_path"),
                        rs.getString("file_type"),
                        rs.getLong("file_size"),
                        rs.getInt("attempts")))
                .optional();
    }

    void indexed(UUID documentId, String text, String note) {
        boolean any = !text.isEmpty();
        jdbc.sql("""
                        UPDATE document_texts
                        SET state = :state, content = :content, note = :note, extracted_at = now()
                        WHERE document_id = :id""")
                .param("state", any ? "indexed" : "empty")
                .param("content", any ? text : null)
                .param("note", note == null ? null : shorten(note))
                .param("id", documentId)
                .update();
    }

    void failed(UUID documentId, String note) {
        jdbc.sql("""
                        UPDATE document_texts
                        SET state = 'failed', content = NULL, note = :note, extracted_at = now()
                        WHERE document_id = :id""").param("note", shorten(note)).param("id", documentId).update();
    }

    /** The content could not be read just now: tried again after {@code wait}. */
    void later(UUID documentId, Duration wait, String note) {
        jdbc.sql("""
                        UPDATE document_texts
                        SET note = :note, next_attempt_at = now() + make_interval(secs => :seconds)
                        WHERE document_id = :id""")
                .param("note", shorten(note))
                .param("seconds", wait.toSeconds())
                .param("id", documentId)
                .update();
    }

    /**
     * Sets documents to wait for their text again: all of them, or only those whose extraction
     * failed or found nothing (after OCR was installed, say). Returns how many.
     */
    int again(boolean all) {
        return jdbc.sql("UPDATE document_texts SET state = 'pending', content = NULL, note = NULL, attempts = 0,"
                        + " next_attempt_at = now() WHERE "
                        + (all ? "state <> 'pending'" : "state IN ('failed', 'empty')"))
                .update();
    }

    /** How many documents are in each state (pending, indexed, empty, failed). */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String state : List.of("pending", "indexed", "empty", "failed")) {
            counts.put(state, 0L);
        }
        jdbc.sql("SELECT state, count(*) AS n FROM document_texts GROUP BY state")
                .query((rs, n) -> counts.put(rs.getString("state"), rs.getLong("n")))
                .list();
        return counts;
    }

    /** A document found by its words. */
    record Hit(UUID id, String title, String fileType, OffsetDateTime createdAt, String snippet, boolean more) {}

    /**
     * Active documents whose title, description or text hold every word of the query (of the first
     * 200 such documents the index gives, {@link Hit#more()} when there are more), in Dutch or
     * in English stemming ({@code websearch_to_tsquery}: "quotes" for a phrase, {@code or},
     * {@code -word}), best first, each with a snippet of its text around the words found.
     */
    List<Hit> search(String query, int limit) {
        // the matches come from search_documents() (V1_3_1), through the index, only those the
        // caller may see; title, text and snippet are then read under the caller's own rights
        return jdbc.sql("""
                        WITH q AS (SELECT websearch_to_tsquery('vpflow.search_nl', :q)
                                          || websearch_to_tsquery('vpflow.search_en', :q) AS query)
                        SELECT d.id, d.title, d.file_type, d.created_at, f.more,
                               ts_headline('vpflow.search_nl',
                                           left(coalesce(t.content, d.description, ''), :source), q.query,
                                           :options) AS snippet
                        FROM search_documents(:q, :limit) f
                        JOIN document_texts t ON t.document_id = f.document_id
                        JOIN documents d ON d.id = f.document_id, q
                        ORDER BY f.rank DESC, d.created_at DESC, d.id""")
                .param("q", query)
                .param("limit", limit)
                .param("source", SNIPPET_SOURCE)
                .param(
                        "options",
                        "StartSel=" + MARK_START + ", StopSel=" + MARK_END
                                + ", MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=\" … \"")
                .query((rs, n) -> new Hit(
                        rs.getObject("id", UUID.class),
                        rs.getString("title"),
                        rs.getString("file_type"),
                        OfficeTime.inOffice(rs.getObject("created_at", OffsetDateTime.class)),
                        rs.getString("snippet"),
                        rs.getBoolean("more")))
                .list();
    }

    private static String shorten(String note) {
        String text = note == null ? "" : note.replace('\u0000', ' ');
        return text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }
}
