package sr.gov.vpflow.users;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/**
 * The page of an activation link, before anyone signs in: the person sees whose account it is
 * and chooses their password, once. A used, expired or unknown link says so and changes nothing.
 */
@PageController
class ActivationPageController {

    private final Activations activations;
    private final MessageSource messages;

    ActivationPageController(Activations activations, MessageSource messages) {
        this.activations = activations;
        this.messages = messages;
    }

    @GetMapping("/activate/{token}")
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        return page(activations.state(token), model, response);
    }

    @PostMapping("/activate/{token}")
    String activate(
            @PathVariable String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(name = "password_repeated", defaultValue = "") String repeated,
            Model model,
            HttpServletResponse response,
            Locale locale) {
        try {
            String outcome = activations.activate(token, password, repeated);
            if (outcome.equals("activated")) {
                return "redirect:/login?activated";
            }
            return page(activations.state(token), model, response);
        } catch (ProblemException e) {
            response.setStatus(e.status().value());
            model.addAttribute("activationError", PageMessages.of(messages, e, locale));
            return page(activations.state(token), model, response);
        }
    }

    private static String page(ActivationRepository.LinkState link, Model model, HttpServletResponse response) {
        if (!link.state().equals("valid") && response.getStatus() < 400) {
            response.setStatus(link.state().equals("unknown") ? HttpStatus.NOT_FOUND.value() : HttpStatus.GONE.value());
        }
        // the page holds a secret in its address: no cache keeps it, no referrer carries it
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        model.addAttribute("link", link);
        return "users/activate";
    }
}
