package sr.gov.vpflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.AccessToken;
import sr.gov.vpflow.platform.db.Identities;

/**
 * The second step of signing in, after the right password, for an account that needs a second
 * factor: the code of a one-time code app (TOTP, RFC 6238) or a recovery code. At the first
 * sign-in the app is set up here: the secret is shown (and as an otpauth:// address), the first
 * code confirms it, and ten recovery codes are shown, this once. The waiting session travels in
 * a cookie of its own that proves nothing until the database accepts the code.
 */
@Controller
class SecondFactorPageController {

    private static final Logger log = LoggerFactory.getLogger(SecondFactorPageController.class);
    static final String WAITING = "VPFLOW_SECOND_FACTOR";

    private final Identities identities;

    SecondFactorPageController(Identities identities) {
        this.identities = identities;
    }

    /** Keeps the waiting session for the second step (ten minutes at most, as the database does). */
    static void hold(HttpServletRequest request, HttpServletResponse response, AccessToken waiting) {
        SessionCookie.set(request, response, WAITING, waiting.value(), 600, "Strict");
    }

    @GetMapping("/login/second-factor")
    String show(HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<AccessToken> waiting = waiting(request);
        if (waiting.isEmpty()) {
            return "redirect:/login";
        }
        return page(identities.secondFactorState(waiting.get()), model, response);
    }

    @PostMapping("/login/second-factor")
    String verify(
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<AccessToken> waiting = waiting(request);
        if (waiting.isEmpty()) {
            return "redirect:/login";
        }
        Identities.SecondFactorState before = identities.secondFactorState(waiting.get());
        if (before.state().equals("none")) {
            SessionCookie.set(request, response, WAITING, "", 0, "Strict");
            return "redirect:/login?expired";
        }
        Identities.SecondFactorResult result = identities.verifySecondFactor(waiting.get(), code.strip());
        switch (result.result()) {
            case "signed_in" -> {
                SessionCookie.set(request, response, WAITING, "", 0, "Strict");
                SessionCookie.write(request, response, waiting.get());
                log.info("a second factor was accepted; signed in");
                if (!result.recoveryCodes().isEmpty()) {
                    response.setHeader("Cache-Control", "no-store");
                    model.addAttribute("recoveryCodes", result.recoveryCodes());
                    return "second-factor-codes";
                }
                return "redirect:/";
            }
            case "expired" -> {
                SessionCookie.set(request, response, WAITING, "", 0, "Strict");
                return "redirect:/login?expired";
            }
            default -> {
                log.info("a second factor was refused (the audit log says why)");
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("refused", true);
                return page(identities.secondFactorState(waiting.get()), model, response);
            }
        }
    }

    private static Optional<AccessToken> waiting(HttpServletRequest request) {
        return SessionCookie.value(request, WAITING).map(AccessToken::new);
    }

    private static String page(Identities.SecondFactorState state, Model model, HttpServletResponse response) {
        if (state.state().equals("none")) {
            return "redirect:/login";
        }
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("state", state.state());
        if (state.state().equals("enroll")) {
            model.addAttribute("secret", OneTimeCodeApp.key(state.secretHex()));
            model.addAttribute("otpauth", OneTimeCodeApp.address(state.username(), state.secretHex()));
        }
        return "second-factor";
    }
}
