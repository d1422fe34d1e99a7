package sr.gov.vpflow.users;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/**
 * The Vice President's page of account requests: each pending change of the Vice President's
 * power with who asked, what and when, to approve or reject with a reason; and the way to every
 * account change of the last 90 days (the audit log, filtered). The administrator sees the same
 * list, without the buttons.
 */
@PageController
class AccountRequestPageController {

    private final AccountRequests requests;
    private final MessageSource messages;
    private final Clock clock;

    AccountRequestPageController(AccountRequests requests, MessageSource messages, Clock clock) {
        this.requests = requests;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/account-requests")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        return page(user, model);
    }

    @PostMapping("/account-requests/{id}/{decision:approve|reject}")
    String decide(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @PathVariable String decision,
            @RequestParam(defaultValue = "") String reason,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        requireVpOrAdmin(user);
        try {
            if (decision.equals("approve")) {
                requests.approve(id, reason);
                redirect.addFlashAttribute("notice", "requests.notice.approved");
            } else {
                requests.reject(id, reason);
                redirect.addFlashAttribute("notice", "requests.notice.rejected");
            }
            return "redirect:/account-requests";
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("decisionError", PageMessages.of(messages, e, locale));
            model.addAttribute("failedRequest", id);
            return page(user, model);
        }
    }

    private String page(CurrentUser user, Model model) {
        requireVpOrAdmin(user);
        model.addAttribute("pending", requests.list(true));
        model.addAttribute("decides", user.role() == Role.VP);
        model.addAttribute(
                "changesFrom", LocalDate.now(clock.withZone(OfficeTime.ZONE)).minusDays(90));
        return "users/requests";
    }

    private static void requireVpOrAdmin(CurrentUser user) {
        if (user == null || (user.role() != Role.VP && user.role() != Role.ADMIN)) {
            throw ProblemException.forbidden("forbidden", "Account requests are for the Vice President.");
        }
    }
}
