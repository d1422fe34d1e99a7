package sr.gov.vpflow.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

@Tag(name = "Search", description = "One search over guests, appointments, cases and the words of documents")
@ApiController("/api/v1/search")
class SearchApiController {

    private final SearchService search;

    SearchApiController(SearchService search) {
        this.search = search;
    }

    @Refusal(
            status = 400,
            codes = {"invalid_parameter", "invalid_limit"})
    @Operation(
            summary = "Search (the Vice President and the secretaries)",
            description = "Guests whose name or organisation, appointments whose subject, and cases whose title or"
                    + " reference hold every word of q (accents and case aside); documents whose title,"
                    + " description or text hold the words in Dutch or English (stemmed: 'brieven' finds 'brief';"
                    + " \"quotes\" for a phrase, 'or', '-word'), best first, each with a snippet of the text"
                    + " (HTML: the words found in <mark>, everything else escaped). Only what the caller may"
                    + " see is found. Before the migration plan v1.3 (full_text false) documents are found by"
                    + " title and description only.")
    @GetMapping
    SearchResults search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer limit) {
        return search.search(q, limit == null ? SearchService.DEFAULT_LIMIT : limit);
    }
}
