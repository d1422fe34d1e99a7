package sr.gov.vpflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.AccessToken;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.db.Identities;
import sr.gov.vpflow.platform.web.PageMessages;

/**
 * The second step of signing in, after the right password, for an account that needs a second
 * factor: a passkey (WebAuthn), the code of a one-time code app (TOTP, RFC 6238) or a recovery
 * code. At the first sign-in one of the two is set up here: a passkey made by the browser, or the
 * app (the secret is shown, also as an otpauth:// address, and the first code confirms it); ten
 * recovery codes are then shown, this once. The waiting session travels in a cookie of its own
 * that proves nothing until the database accepts the second factor.
 */
@Controller
class SecondFactorPageController {

    private static final Logger log = LoggerFactory.getLogger(SecondFactorPageController.class);
    static final String WAITING = "VPFLOW_SECOND_FACTOR";

    private final Identities identities;
    private final Passkeys passkeys;
    private final MessageSource messages;
    private final SignInThrottle throttle;

    SecondFactorPageController(
            Identities identities, Passkeys passkeys, MessageSource messages, SignInThrottle throttle) {
        this.identities = identities;
        this.passkeys = passkeys;
        this.messages = messages;
        this.throttle = throttle;
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
        SignInThrottle.Decision decision = throttle.attempt(request.getRemoteAddr(), "");
        if (!decision.allowed()) {
            return throttled(decision, before, model, response);
        }
        Identities.SecondFactorResult result = identities.verifySecondFactor(waiting.get(), code.strip());
        if (result.result().equals("signed_in")) {
            throttle.succeeded(decision);
        }
        return answered(result.result(), result.recoveryCodes(), waiting.get(), request, response, model);
    }

    /**
     * The options for the browser's passkey ceremony: making one when the account has no second
     * factor yet, signing in with one when it has passkeys.
     */
    @PostMapping(value = "/login/second-factor/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> passkeyOptions(HttpServletRequest request) {
        Optional<AccessToken> waiting = waiting(request);
        Identities.SecondFactorState state =
                waiting.map(identities::secondFactorState).orElse(null);
        if (state == null || state.state().equals("none")) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (state.state().equals("code") && state.passkeys() == 0) {
            return ResponseEntity.status(HttpStatus.CONFLICT).build();
        }
        try {
            return ResponseEntity.ok(
                    state.state().equals("enroll")
                            ? passkeys.registrationOptions(waiting.get(), request)
                            : passkeys.signInOptions(waiting.get(), request));
        } catch (DataAccessException e) {
            // the session's state changed meanwhile (a second factor set up in another tab)
            log.info(
                    "no passkey ceremony for this session now: {}",
                    e.getMostSpecificCause().getMessage());
            return ResponseEntity.status(HttpStatus.CONFLICT).build();
        }
    }

    /** The browser's answer: a new passkey (with its name) at the first sign-in, else a signature. */
    @PostMapping("/login/second-factor/passkey")
    String passkey(
            @RequestParam(defaultValue = "") String credential,
            @RequestParam(defaultValue = "") String label,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Locale locale) {
        Optional<AccessToken> waiting = waiting(request);
        if (waiting.isEmpty()) {
            return "redirect:/login";
        }
        Identities.SecondFactorState state = identities.secondFactorState(waiting.get());
        SignInThrottle.Decision decision = throttle.attempt(request.getRemoteAddr(), "");
        if (!decision.allowed()) {
            return throttled(decision, state, model, response);
        }
        if (state.state().equals("enroll")) {
            try {
                List<String> codes = passkeys.register(waiting.get(), credential, label, request);
                throttle.succeeded(decision);
                return answered("signed_in", codes, waiting.get(), request, response, model);
            } catch (ProblemException e) {
                response.setStatus(e.status().value());
                model.addAttribute("passkeyError", PageMessages.of(messages, e, locale));
                return page(state, model, response);
            }
        }
        String result = passkeys.signIn(waiting.get(), credential, request);
        if (result.equals("signed_in")) {
            throttle.succeeded(decision);
        }
        return answered(result, List.of(), waiting.get(), request, response, model);
    }

    private String answered(
            String result,
            List<String> recoveryCodes,
            AccessToken waiting,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        switch (result) {
            case "signed_in" -> {
                SessionCookie.set(request, response, WAITING, "", 0, "Strict");
                SessionCookie.write(request, response, waiting);
                log.info("a second factor was accepted; signed in");
                if (recoveryCodes != null && !recoveryCodes.isEmpty()) {
                    response.setHeader("Cache-Control", "no-store");
                    model.addAttribute("recoveryCodes", recoveryCodes);
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
                return page(identities.secondFactorState(waiting), model, response);
            }
        }
    }

    /** Too many failures from this address: 429, and the page says when to try again. */
    private static String throttled(
            SignInThrottle.Decision decision,
            Identities.SecondFactorState state,
            Model model,
            HttpServletResponse response) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        model.addAttribute("throttled", decision.retryAfterSeconds());
        return page(state, model, response);
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
        model.addAttribute("app", state.app());
        model.addAttribute("passkeys", state.passkeys());
        if (state.state().equals("enroll")) {
            model.addAttribute("secret", OneTimeCodeApp.key(state.secretHex()));
            model.addAttribute("otpauth", OneTimeCodeApp.address(state.username(), state.secretHex()));
        }
        return "second-factor";
    }
}
