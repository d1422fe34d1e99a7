package sr.gov.vpflow.search;

import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Service;
import sr.gov.vpflow.appointments.AppointmentService;
import sr.gov.vpflow.cases.CaseFilter;
import sr.gov.vpflow.cases.CaseService;
import sr.gov.vpflow.documents.DocumentSearch;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.platform.ProblemException;

/**
 * The office's search: guests by name or organisation, appointments by subject, cases by title or
 * reference, documents by their words. Each kind is searched by its own module, under the caller's
 * rights: what a secretary may not see, she does not find.
 */
@Service
public class SearchService {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;
    public static final int MAX_QUERY = 200;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

    private final GuestService guests;
    private final AppointmentService appointments;
    private final CaseService cases;
    private final DocumentSearch documents;

    SearchService(GuestService guests, AppointmentService appointments, CaseService cases, DocumentSearch documents) {
        this.guests = guests;
        this.appointments = appointments;
        this.cases = cases;
        this.documents = documents;
    }

    /** What {@code query} finds, at most {@code limit} of each kind (1 to {@value #MAX_LIMIT}). */
    public SearchResults search(String query, int limit) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty() || q.length() > MAX_QUERY) {
            throw ProblemException.badRequest(
                            "invalid_parameter",
                            "Give the words to look for in 'q': 1 to " + MAX_QUERY + " characters.")
                    .with("parameter", "q");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("invalid_limit", "'limit' is a number from 1 to " + MAX_LIMIT + ".");
        }
        List<SearchHit> foundGuests = guests.search(q, false, null, limit).items().stream()
                .map(g -> new SearchHit("guest", g.id(), g.fullName(), g.organisation(), "/guests/" + g.id(), null))
                .toList();
        List<SearchHit> foundAppointments = appointments.search(q, limit).stream()
                .map(a -> new SearchHit(
                        "appointment",
                        a.id(),
                        a.subject(),
                        a.startsAt() == null ? a.status() : WHEN.format(a.startsAt()) + " · " + a.status(),
                        "/appointments/" + a.id(),
                        null))
                .toList();
        List<SearchHit> foundCases = cases.list(new CaseFilter(null, null, null, q), null, limit).items().stream()
                .map(c -> new SearchHit(
                        "case", c.id(), c.title(), c.reference() + " · " + c.state(), "/cases/" + c.id(), null))
                .toList();
        DocumentSearch.Found documentsFound = documents.search(q, limit);
        List<SearchHit> foundDocuments = documentsFound.hits().stream()
                .map(d -> new SearchHit(
                        "document",
                        d.id(),
                        d.title(),
                        WHEN.format(d.createdAt()) + " · " + d.fileType(),
                        "/documents/" + d.id(),
                        d.snippetHtml()))
                .toList();
        return new SearchResults(
                q,
                documents.fullText(),
                foundGuests,
                foundAppointments,
                foundCases,
                foundDocuments,
                documentsFound.more());
    }
}
