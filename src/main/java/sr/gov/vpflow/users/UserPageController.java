package sr.gov.vpflow.users;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/**
 * The administrator's page of accounts: the list with each account's state, a new account with
 * its activation link, and the changes the command line makes while the server runs (disable,
 * enable, a new activation link, a second factor reset, another role). Every change goes through
 * {@link UserService}, as the API's do: the database checks it, the audit log records it, and a
 * change of the Vice President's power becomes a request decided on the page of account requests.
 * A password is never set here: that is the operator's alone, on the server.
 */
@PageController
class UserPageController {

    private static final int PAGE_SIZE = 100;

    private final UserService users;
    private final AccountRequests requests;
    private final MessageSource messages;
    private final String publicUrl;

    UserPageController(
            UserService users, AccountRequests requests, MessageSource messages, VpFlowProperties properties) {
        this.users = users;
        this.requests = requests;
        this.messages = messages;
        this.publicUrl = properties.publicAddress();
    }

    /** An account as its row shows it: the account, its state, and its requests that wait for a Vice President. */
    record AccountRow(UserView user, AccountState state, List<AccountRequestView> requests) {}

    @GetMapping("/users")
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String cursor, Model model) {
        CurrentUser.requireAdministrator(user);
        return page(user, cursor, model);
    }

    /** A new account, without a password: its activation link is shown once, on this answer only. */
    @PostMapping("/users")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String username,
            @RequestParam(name = "display_name", defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String role,
            Model model,
            HttpServletResponse response,
            Locale locale) {
        CurrentUser.requireAdministrator(user);
        try {
            AccountInvitation invited =
                    users.invite(new NewUser(username, displayName, role, null), UserApiController.baseUrl(publicUrl));
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("invitation", invited);
            model.addAttribute("invitationKind", "new");
            model.addAttribute(
                    "invitationExpires",
                    OfficeTime.inOffice(invited.activation().expiresAt()));
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("createError", PageMessages.of(messages, e, locale));
            model.addAttribute("form", Map.of("username", username, "display_name", displayName, "role", role));
        }
        return page(user, null, model);
    }

    /** A new activation link for a lost password, shown once; earlier links stop working. */
    @PostMapping("/users/{id}/reset")
    String reset(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            Model model,
            HttpServletResponse response,
            Locale locale) {
        CurrentUser.requireAdministrator(user);
        try {
            AccountInvitation reset = users.reset(id, UserApiController.baseUrl(publicUrl));
            response.setHeader("Cache-Control", "no-store");
            model.addAttribute("invitation", reset);
            model.addAttribute("invitationKind", "reset");
            model.addAttribute(
                    "invitationExpires", OfficeTime.inOffice(reset.activation().expiresAt()));
        } catch (ProblemException e) {
            refused(e, id, model, response, locale);
        }
        return page(user, null, model);
    }

    @PostMapping("/users/{id}/disable")
    String disable(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        return change(
                user,
                id,
                () -> new AccountChange(users.disable(id), null),
                "disabled",
                model,
                response,
                redirect,
                locale);
    }

    @PostMapping("/users/{id}/enable")
    String enable(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        return change(user, id, () -> users.enable(id), "enabled", model, response, redirect, locale);
    }

    @PostMapping("/users/{id}/second-factor/reset")
    String resetSecondFactor(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        return change(
                user, id, () -> users.resetSecondFactor(id), "secondFactorReset", model, response, redirect, locale);
    }

    @PostMapping("/users/{id}/role")
    String changeRole(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String role,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        return change(user, id, () -> users.changeRole(id, role), "roleChanged", model, response, redirect, locale);
    }

    /**
     * Carries out a change and goes back to the list with what happened: done, or filed as a
     * request for a Vice President's approval. A refusal is shown on the page, beside the account.
     */
    private String change(
            CurrentUser user,
            UUID id,
            Supplier<AccountChange> work,
            String done,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        CurrentUser.requireAdministrator(user);
        try {
            AccountChange change = work.get();
            redirect.addFlashAttribute("notice", "users.notice." + (change.requested() ? "requested" : done));
            redirect.addFlashAttribute("noticeAccount", change.user().username());
            return "redirect:/users";
        } catch (ProblemException e) {
            refused(e, id, model, response, locale);
            return page(user, null, model);
        }
    }

    private void refused(ProblemException e, UUID id, Model model, HttpServletResponse response, Locale locale) {
        response.setStatus(e.status().value());
        model.addAttribute("actionError", PageMessages.of(messages, e, locale));
        model.addAttribute("failedAccount", id);
    }

    private String page(CurrentUser user, String cursor, Model model) {
        Page<UserView> accounts = users.list(cursor, PAGE_SIZE);
        Map<UUID, AccountState> states =
                users.states(accounts.items().stream().map(UserView::id).toList());
        Map<UUID, List<AccountRequestView>> waiting = requests.list(true).stream()
                .filter(r -> r.userId() != null)
                .collect(Collectors.groupingBy(AccountRequestView::userId));
        model.addAttribute(
                "accounts",
                accounts.items().stream()
                        .map(a -> new AccountRow(
                                a,
                                states.getOrDefault(a.id(), AccountState.unknown(a.id())),
                                waiting.getOrDefault(a.id(), List.of())))
                        .toList());
        model.addAttribute("nextCursor", accounts.nextCursor());
        model.addAttribute("self", user.id());
        model.addAttribute(
                "roles", List.of(Role.values()).stream().map(Role::code).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of("username", "", "display_name", "", "role", "secretary"));
        }
        return "users/list";
    }
}
