package sr.gov.vpflow.mail;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/** The administrator's view of the mail queue, and each user's own mail preferences. */
@PageController
class MailPageController {

    private static final int SHOWN = 200;

    private final MailQueue queue;
    private final MailPreferencesService preferences;
    private final MailSettings settings;
    private final MessageSource messages;

    MailPageController(
            MailQueue queue, MailPreferencesService preferences, MailSettings settings, MessageSource messages) {
        this.queue = queue;
        this.preferences = preferences;
        this.settings = settings;
        this.messages = messages;
    }

    @GetMapping("/mail")
    String queue(@AuthenticationPrincipal CurrentUser user, Model model) {
        CurrentUser.requireAdministrator(user);
        model.addAttribute("mailOn", settings.enabled());
        model.addAttribute("host", settings.host());
        model.addAttribute("counts", queue.counts());
        model.addAttribute("messages", queue.recent(SHOWN));
        model.addAttribute("maxAttempts", settings.maxAttempts());
        return "mail/queue";
    }

    @GetMapping("/account/mail")
    String preferences(Model model) {
        fill(model);
        return "mail/preferences";
    }

    /** The form alone, which the account page loads into its mail section. */
    @GetMapping("/account/mail/form")
    String preferencesForm(Model model) {
        fill(model);
        return "mail/preferences :: form";
    }

    @PostMapping("/account/mail")
    String change(
            @RequestParam(required = false) String address,
            @RequestParam(name = "daily_digest", defaultValue = "false") boolean dailyDigest,
            @RequestParam(name = "due_reminders", defaultValue = "false") boolean dueReminders,
            @RequestParam(required = false) String language,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        MailPreferencesChange change =
                new MailPreferencesChange(address == null ? "" : address, dailyDigest, dueReminders, language);
        try {
            preferences.change(change);
            redirect.addFlashAttribute("notice", "mail.preferences.saved");
            return "redirect:/account/mail";
        } catch (ProblemException e) {
            if (e.status().value() == 403) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("error", PageMessages.of(messages, e, locale));
            model.addAttribute("mailOn", preferences.mailOn());
            model.addAttribute(
                    "preferences",
                    new MailPreferences(address, dailyDigest, dueReminders, language == null ? "nl" : language));
            return "mail/preferences";
        }
    }

    private void fill(Model model) {
        model.addAttribute("mailOn", preferences.mailOn());
        model.addAttribute("preferences", preferences.own());
    }
}
