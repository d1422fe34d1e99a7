package sr.gov.vpflow.guests;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/** The guest pages: finding, registering, editing and archiving guests. */
@PageController
@RequestMapping("/guests")
class GuestPageController {

    private static final int PAGE_SIZE = 25;
    private static final int PICKER_SIZE = 8;

    private final GuestService guests;
    private final MessageSource messages;

    GuestPageController(GuestService guests, MessageSource messages) {
        this.guests = guests;
        this.messages = messages;
    }

    /** The list; an htmx request (the search field as one types) gets only the results. */
    @GetMapping
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "false") boolean archived,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model) {
        Page<GuestView> page = guests.search(q, archived, cursor, PAGE_SIZE);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("archived", archived);
        model.addAttribute("page", page);
        return htmx != null ? "guests/list :: results" : "guests/list";
    }

    @GetMapping("/new")
    String newGuest(Model model) {
        model.addAttribute("form", GuestForm.empty());
        return "guests/form";
    }

    @PostMapping
    String create(
            @ModelAttribute("form") GuestForm form,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            GuestView created = guests.create(form.toNewGuest());
            redirect.addFlashAttribute("notice", "guests.notice.created");
            return "redirect:/guests/" + created.id();
        } catch (ProblemException e) {
            return refused(e, model, response, locale, "guests/form");
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("guest", guests.get(id));
        return "guests/show";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        GuestView guest = guests.get(id);
        model.addAttribute("guest", guest);
        model.addAttribute("form", GuestForm.of(guest));
        return "guests/form";
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable UUID id,
            @ModelAttribute("form") GuestForm form,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            guests.update(id, form.toEdit());
            redirect.addFlashAttribute("notice", "guests.notice.updated");
            return "redirect:/guests/" + id;
        } catch (ProblemException e) {
            model.addAttribute("guest", guests.get(id));
            return refused(e, model, response, locale, "guests/form");
        }
    }

    @PostMapping("/{id}/archive")
    String archive(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String reason,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            guests.archive(id, version, reason);
            redirect.addFlashAttribute("notice", "guests.notice.archived");
            return "redirect:/guests/" + id;
        } catch (ProblemException e) {
            model.addAttribute("guest", guests.get(id));
            return refused(e, model, response, locale, "guests/show");
        }
    }

    /** Radio buttons to choose a guest in another form (the appointment form), by search. */
    @GetMapping("/fragments/picker")
    String picker(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("options", guests.search(q, false, null, PICKER_SIZE).items());
        return "guests/picker :: options";
    }

    private String refused(ProblemException e, Model model, HttpServletResponse response, Locale locale, String view) {
        if (e.status().value() == 404 || e.status().value() == 403) {
            throw e;
        }
        response.setStatus(e.status().value());
        model.addAttribute("error", PageMessages.of(messages, e, locale));
        model.addAttribute("errorField", e.properties().get("field"));
        return view;
    }
}
