package sr.gov.vpflow.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What one search found, by kind, each list at most the limit asked for and best first.
 *
 * @param fullText      whether the words of documents were searched (v1.3) or only their titles and
 *                      descriptions
 * @param documentsMore more than 200 documents hold the words: the documents found are the best of
 *                      the first 200 found (more words narrow the search)
 */
public record SearchResults(
        String query,
        boolean fullText,
        List<SearchHit> guests,
        List<SearchHit> appointments,
        List<SearchHit> cases,
        List<SearchHit> documents,
        boolean documentsMore) {

    /** One kind of record found, for the page. */
    public record Group(String kind, List<SearchHit> hits) {}

    /** The kinds that found something, in the page's order. */
    @JsonIgnore
    public List<Group> groups() {
        return java.util.stream.Stream.of(
                        new Group("guests", guests),
                        new Group("appointments", appointments),
                        new Group("cases", cases),
                        new Group("documents", documents))
                .filter(g -> !g.hits().isEmpty())
                .toList();
    }

    @JsonIgnore
    public boolean isEmpty() {
        return guests.isEmpty() && appointments.isEmpty() && cases.isEmpty() && documents.isEmpty();
    }
}
