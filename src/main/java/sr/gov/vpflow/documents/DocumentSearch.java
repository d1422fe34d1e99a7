package sr.gov.vpflow.documents;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;
import sr.gov.vpflow.platform.SchemaFeatures;

/**
 * Finds documents by the words of their title, description and text (v1.3), in Dutch and English
 * stemming and without regard to accents, under the caller's own rights: the database finds no
 * word of a document the caller may not see. Before v1.3 (or for text not read yet) only titles
 * and descriptions are searched, as the document list does.
 */
@Service
public class DocumentSearch {

    private final DocumentTextRepository texts;
    private final DocumentService documents;
    private final SchemaFeatures features;

    DocumentSearch(DocumentTextRepository texts, DocumentService documents, SchemaFeatures features) {
        this.texts = texts;
        this.documents = documents;
        this.features = features;
    }

    /**
     * A document found: its snippet is HTML, the words found in {@code <mark>} and every other
     * character escaped.
     */
    public record Hit(UUID id, String title, String fileType, OffsetDateTime createdAt, String snippetHtml) {}

    /**
     * What a search found; {@code more}: more than 200 documents hold the words, and the hits are
     * the best of the first 200 found (more words narrow the search).
     */
    public record Found(List<Hit> hits, boolean more) {}

    /** Whether the words of documents are searched (v1.3), or only their titles and descriptions. */
    public boolean fullText() {
        return features.isSearch();
    }

    @Transactional(readOnly = true)
    public Found search(String query, int limit) {
        DocumentService.officeOnly();
        if (!features.isSearch()) {
            return new Found(
                    documents.list(new DocumentFilter(query, null, null, false), null, limit).items().stream()
                            .map(d -> new Hit(
                                    d.id(),
                                    d.title(),
                                    d.fileType(),
                                    d.createdAt(),
                                    HtmlUtils.htmlEscape(d.description() == null ? "" : d.description(), "UTF-8")))
                            .toList(),
                    false);
        }
        List<DocumentTextRepository.Hit> found = texts.search(query, limit);
        return new Found(
                found.stream()
                        .map(h -> new Hit(h.id(), h.title(), h.fileType(), h.createdAt(), snippetHtml(h.snippet())))
                        .toList(),
                found.stream().anyMatch(DocumentTextRepository.Hit::more));
    }

    /** The snippet of ts_headline, its marks turned into {@code <mark>} and all else escaped. */
    static String snippetHtml(String snippet) {
        if (snippet == null) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        StringBuilder run = new StringBuilder();
        boolean open = false;
        for (int i = 0; i < snippet.length(); i++) {
            char c = snippet.charAt(i);
            if (c == DocumentTextRepository.MARK_START || c == DocumentTextRepository.MARK_END) {
                html.append(HtmlUtils.htmlEscape(run.toString(), "UTF-8"));
                run.setLength(0);
                if (c == DocumentTextRepository.MARK_START && !open) {
                    html.append("<mark>");
                    open = true;
                } else if (c == DocumentTextRepository.MARK_END && open) {
                    html.append("</mark>");
                    open = false;
                }
            } else {
                run.append(c == '\n' ? ' ' : c);
            }
        }
        html.append(HtmlUtils.htmlEscape(run.toString(), "UTF-8"));
        if (open) {
            html.append("</mark>");
        }
        return html.toString();
    }
}
