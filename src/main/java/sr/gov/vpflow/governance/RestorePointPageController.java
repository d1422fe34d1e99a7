package sr.gov.vpflow.governance;

import jakarta.servlet.http.HttpServletResponse;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/**
 * The administrator's page of restore points: the list (with each one's last verification), a new
 * one, and a verification, as {@code restore-point create|list|verify} do while the server runs.
 * Both take a while on a large database: the request runs them, the page shows that it works
 * (htmx) and then their result, without holding anything on the server between requests. A
 * restore stays on the command line, with the server stopped; the page gives the command.
 */
@PageController
class RestorePointPageController {

    private static final String REASON = "made by the administrator on the restore points page";

    private final RestorePoints points;
    private final MessageSource messages;

    RestorePointPageController(RestorePoints points, MessageSource messages) {
        this.points = points;
        this.messages = messages;
    }

    /** A restore point as its row shows it, with its last verification if it had one. */
    record Row(RestorePoint point, RestorePointVerification verification) {

        /** The time it was made, or none for a restore point whose manifest cannot be read. */
        public OffsetDateTime createdAt() {
            return time(point.createdAt());
        }

        public OffsetDateTime verifiedAt() {
            return verification == null ? null : time(verification.verifiedAt());
        }

        private static OffsetDateTime time(String iso) {
            try {
                return iso == null ? null : OffsetDateTime.parse(iso);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        public double megabytes() {
            return point.bytes() / 1_048_576.0;
        }
    }

    @GetMapping("/restore-points")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        CurrentUser.requireAdministrator(user);
        return page(model, null);
    }

    @PostMapping("/restore-points")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String reason,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        CurrentUser.requireAdministrator(user);
        List<String> progress = new ArrayList<>();
        try {
            RestorePoint made = points.create(
                    name.isBlank() ? points.freeName("manual") : name.strip(),
                    reason.isBlank() ? REASON : reason.strip(),
                    "web",
                    user.username(),
                    progress::add);
            if (htmx == null) {
                redirect.addFlashAttribute("notice", "restorePoints.notice.created");
                redirect.addFlashAttribute("noticeName", made.name());
                return "redirect:/restore-points";
            }
            model.addAttribute("notice", "restorePoints.notice.created");
            model.addAttribute("noticeName", made.name());
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("createError", PageMessages.of(messages, e, locale));
            model.addAttribute("name", name);
            model.addAttribute("reason", reason);
        }
        model.addAttribute("progress", progress);
        return page(model, htmx);
    }

    /** Reads every file of the restore point back against its manifest; the list then shows the result. */
    @PostMapping("/restore-points/{name}/verify")
    String verify(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable String name,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletResponse response,
            Locale locale) {
        CurrentUser.requireAdministrator(user);
        List<String> progress = new ArrayList<>();
        try {
            model.addAttribute("check", points.verify(name, progress::add));
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("verifyError", PageMessages.of(messages, e, locale));
        }
        model.addAttribute("progress", progress);
        return page(model, htmx);
    }

    private String page(Model model, String htmx) {
        List<Row> rows = new ArrayList<>();
        for (RestorePoint p : points.list()) {
            rows.add(0, new Row(p, points.lastVerification(p).orElse(null)));
        }
        // the newest first: the one just made or verified is at the top
        model.addAttribute("points", rows);
        model.addAttribute("folder", points.folder());
        return htmx == null ? "governance/restore-points" : "governance/restore-points :: panel";
    }
}
