package sr.gov.vpflow.governance;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.PageController;

/**
 * The administrator's page of governed migrations: the plans this build knows, which are applied
 * and which pending, the reports their runs wrote, and the validation checklist run on demand (as
 * {@code validate} does; it changes nothing). A plan itself is applied on the command line, where
 * its approvals are given; the page gives the command.
 */
@PageController
class MigrationPageController {

    private static final Logger log = LoggerFactory.getLogger(MigrationPageController.class);

    private final MigrationStatus status;
    private final Checklist checklist;

    MigrationPageController(MigrationStatus status, Checklist checklist) {
        this.status = status;
        this.checklist = checklist;
    }

    @GetMapping("/migrations")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        CurrentUser.requireAdministrator(user);
        return page(model, null);
    }

    /** Runs the checklist on the database as it is and shows each item; its probes are rolled back. */
    @PostMapping("/migrations/validate")
    String validate(
            @AuthenticationPrincipal CurrentUser user,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        CurrentUser.requireAdministrator(user);
        List<String> progress = new ArrayList<>();
        try {
            model.addAttribute("validation", checklist.validate(progress::add));
        } catch (IllegalStateException e) {
            // the checklist could not run at all (the database refused a probe): said, not hidden
            log.warn("the validation asked for on the migrations page could not run: {}", e.getMessage());
            model.addAttribute("validationError", e.getMessage());
        }
        model.addAttribute("progress", progress);
        return page(model, htmx);
    }

    /** A run's report for people, as written in the reports folder. */
    @GetMapping("/migrations/reports/{name}")
    String report(@AuthenticationPrincipal CurrentUser user, @PathVariable String name, Model model) {
        CurrentUser.requireAdministrator(user);
        model.addAttribute("name", name);
        model.addAttribute(
                "text", status.reportText(name).orElseThrow(() -> ProblemException.notFound("The report " + name)));
        return "governance/report";
    }

    private String page(Model model, String htmx) {
        if (htmx != null) {
            return "governance/migrations :: validation";
        }
        model.addAttribute("schemaVersion", status.schemaVersion());
        model.addAttribute("plans", status.plans());
        model.addAttribute("reports", status.reports());
        model.addAttribute("reportFolder", status.reportFolder());
        return "governance/migrations";
    }
}
