package sr.gov.vpflow.search;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.web.PageController;

/** The results of the header's search box. */
@PageController
class SearchPageController {

    private final SearchService search;

    SearchPageController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/search")
    String results(@RequestParam(required = false) String q, Model model) {
        String query = q == null ? "" : q.strip();
        model.addAttribute("searchQuery", query);
        if (query.isEmpty()) {
            return "search/results";
        }
        try {
            model.addAttribute("results", search.search(query, SearchService.DEFAULT_LIMIT));
        } catch (ProblemException e) {
            if (!"invalid_parameter".equals(e.code())) {
                throw e;
            }
            model.addAttribute("tooLong", true);
        }
        return "search/results";
    }
}
