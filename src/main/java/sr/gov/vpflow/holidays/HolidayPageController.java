package sr.gov.vpflow.holidays;

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

/** The holiday calendar of a year: everybody reads it, the administrator enters and removes holidays. */
@PageController
class HolidayPageController {

    private final HolidayService holidays;
    private final MessageSource messages;
    private final Clock clock;

    HolidayPageController(HolidayService holidays, MessageSource messages, Clock clock) {
        this.holidays = holidays;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/holidays")
    String list(@RequestParam(required = false) Integer year, @AuthenticationPrincipal CurrentUser user, Model model) {
        if (!holidays.available()) {
            throw ProblemException.notFound("The holiday calendar");
        }
        int shown = year == null || year < 2000 || year > 2200
                ? OfficeTime.today(clock).getYear()
                : year;
        model.addAttribute("year", shown);
        model.addAttribute("holidays", holidays.between(LocalDate.of(shown, 1, 1), LocalDate.of(shown, 12, 31)));
        model.addAttribute("keeper", user != null && user.role() == Role.ADMIN);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new NewHoliday(null, null, null));
        }
        return "holidays/list";
    }

    @PostMapping("/holidays")
    String add(
            @RequestParam(required = false) String day,
            @RequestParam(name = "name_nl", required = false) String nameNl,
            @RequestParam(name = "name_en", required = false) String nameEn,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        NewHoliday form = new NewHoliday(day, nameNl, nameEn);
        try {
            Holiday added = holidays.add(form);
            redirect.addFlashAttribute("notice", "holidays.notice.added");
            return "redirect:/holidays?year=" + added.day().getYear();
        } catch (ProblemException e) {
            if (e.status().value() == 404 || e.status().value() == 403) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("error", PageMessages.of(messages, e, locale));
            model.addAttribute("form", form);
            Integer year = null;
            try {
                year = LocalDate.parse(day).getYear();
            } catch (RuntimeException notADate) {
                // the form shows the current year then
            }
            return list(year, user, model);
        }
    }

    @PostMapping("/holidays/{id}/remove")
    String remove(@PathVariable UUID id, @RequestParam(required = false) Integer year, RedirectAttributes redirect) {
        holidays.remove(id);
        redirect.addFlashAttribute("notice", "holidays.notice.removed");
        return "redirect:/holidays" + (year == null ? "" : "?year=" + year);
    }
}
