package sr.gov.vpflow.users;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.security.OneTimeCodeApp;
import sr.gov.vpflow.platform.security.Passkeys;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/**
 * The signed-in user's own account: password, second factors (an app, passkeys), sessions,
 * personal access tokens for scripts, and the private address of the calendar feed. A new secret is shown once, on the page that made it, and never again.
 */
@PageController
class AccountPageController {

    private final AccessTokenService tokens;
    private final Activations own;
    private final Passkeys passkeys;
    private final MessageSource messages;

    AccountPageController(AccessTokenService tokens, Activations own, Passkeys passkeys, MessageSource messages) {
        this.tokens = tokens;
        this.own = own;
        this.passkeys = passkeys;
        this.messages = messages;
    }

    /** A new password, with the current one; every session ends with it, this one too. */
    @PostMapping("/account/password")
    String changePassword(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "current_password", defaultValue = "") String current,
            @RequestParam(name = "new_password", defaultValue = "") String next,
            @RequestParam(name = "new_password_repeated", defaultValue = "") String repeated,
            Model model,
            HttpServletResponse response,
            Locale locale) {
        try {
            if (!next.equals(repeated)) {
                throw UserException.passwordsDiffer();
            }
            own.changeOwnPassword(user.username(), current, next);
            return "redirect:/login?changed";
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("passwordError", PageMessages.of(messages, e, locale));
            return page(user, model);
        }
    }

    /** Starts setting up a one-time code app: the key is shown until the first code confirms it. */
    @PostMapping("/account/second-factor")
    String beginSecondFactor() {
        own.beginOwnSecondFactor();
        return "redirect:/account#second-factor-heading";
    }

    @PostMapping("/account/second-factor/confirm")
    String confirmSecondFactor(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String code,
            Model model,
            HttpServletResponse response,
            Locale locale) {
        try {
            model.addAttribute("recoveryCodes", own.confirmOwnSecondFactor(code));
            response.setHeader("Cache-Control", "no-store");
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("secondFactorError", PageMessages.of(messages, e, locale));
        }
        return page(user, model);
    }

    /** The options for the browser to make a new passkey for the signed-in user. */
    @PostMapping(value = "/account/passkeys/options", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> passkeyOptions(HttpServletRequest request) {
        return ResponseEntity.ok(passkeys.registrationOptions(null, request));
    }

    /** The browser's new passkey; recovery codes are shown when the account had none left. */
    @PostMapping("/account/passkeys")
    String addPasskey(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String credential,
            @RequestParam(defaultValue = "") String label,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            List<String> codes = passkeys.register(null, credential, label, request);
            if (codes.isEmpty()) {
                redirect.addFlashAttribute("notice", "account.notice.passkeyAdded");
                return "redirect:/account";
            }
            model.addAttribute("notice", "account.notice.passkeyAdded");
            model.addAttribute("recoveryCodes", codes);
            response.setHeader("Cache-Control", "no-store");
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("passkeyError", PageMessages.of(messages, e, locale));
        }
        return page(user, model);
    }

    @PostMapping("/account/passkeys/{id}/remove")
    String removePasskey(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            RedirectAttributes redirect,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        try {
            if (!passkeys.removeOwn(id)) {
                throw ProblemException.notFound("The passkey");
            }
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("passkeyError", PageMessages.of(messages, e, locale));
            return page(user, model);
        }
        redirect.addFlashAttribute("notice", "account.notice.passkeyRemoved");
        return "redirect:/account";
    }

    @PostMapping("/account/sessions/{id}/end")
    String endSession(@PathVariable UUID id, RedirectAttributes redirect) {
        own.endSession(id);
        redirect.addFlashAttribute("notice", "account.notice.sessionEnded");
        return "redirect:/account";
    }

    @GetMapping("/account")
    String show(@AuthenticationPrincipal CurrentUser user, Model model) {
        return page(user, model);
    }

    @PostMapping("/account/tokens")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(name = "expires_on", required = false) LocalDate expiresOn,
            Model model,
            HttpServletResponse response,
            Locale locale) {
        OffsetDateTime expiresAt = expiresOn == null
                ? null
                : expiresOn.plusDays(1).atStartOfDay(OfficeTime.ZONE).toOffsetDateTime();
        try {
            model.addAttribute("newToken", tokens.create(name, expiresAt));
            response.setHeader("Cache-Control", "no-store");
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("tokenError", PageMessages.of(messages, e, locale));
            model.addAttribute("name", name);
        }
        return page(user, model);
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
        tokens.revoke(id);
        redirect.addFlashAttribute("notice", "account.notice.revoked");
        return "redirect:/account";
    }

    @PostMapping("/account/feed")
    String rotateFeed(@AuthenticationPrincipal CurrentUser user, Model model, HttpServletResponse response) {
        model.addAttribute("newFeed", AccountApiController.feedAddress(tokens.rotateFeed()));
        response.setHeader("Cache-Control", "no-store");
        return page(user, model);
    }

    private String page(CurrentUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("tokens", tokens.list());
        model.addAttribute("sessions", own.sessions());
        ActivationRepository.OwnSecondFactor factor = own.ownSecondFactor();
        model.addAttribute("secondFactor", factor.state());
        if (factor.state().equals("pending")) {
            model.addAttribute("totpSecret", OneTimeCodeApp.key(factor.secretHex()));
            model.addAttribute("otpauth", OneTimeCodeApp.address(user.username(), factor.secretHex()));
        }
        model.addAttribute("passkeys", passkeys.own());
        model.addAttribute("signIns", own.signIns());
        boolean office = user.role().code().equals("vp") || user.role().code().equals("secretary");
        model.addAttribute("feedAllowed", office);
        if (office) {
            model.addAttribute("feed", tokens.feed());
        }
        return "users/account";
    }
}
