package sr.gov.vpflow.cases;

import java.util.UUID;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.web.PageController;

/**
 * Small lists of cases that the guest and appointment pages load with htmx
 * ({@code hx-get="/cases/fragments/by-guest/{id}"}), so that those modules need not call this one.
 */
@PageController
class CaseFragmentController {

    private static final int FRAGMENT_SIZE = 50;

    private final CaseService cases;
    private final CaseChoices choices;

    CaseFragmentController(CaseService cases, CaseChoices choices) {
        this.cases = cases;
        this.choices = choices;
    }

    @GetMapping("/cases/fragments/by-guest/{guestId}")
    String byGuest(@PathVariable UUID guestId, Model model) {
        choices.guest(guestId).orElseThrow(CaseException::guestNotFound);
        Page<CaseView> page = cases.list(new CaseFilter(null, guestId, null, null), null, FRAGMENT_SIZE);
        model.addAttribute("cases", page.items());
        model.addAttribute("more", page.nextCursor() != null);
        model.addAttribute("newUrl", "/cases/new?guest_id=" + guestId);
        model.addAttribute("listUrl", "/cases?guest_id=" + guestId);
        return "cases/fragments :: linked-cases";
    }

    @GetMapping("/cases/fragments/by-appointment/{appointmentId}")
    String byAppointment(@PathVariable UUID appointmentId, Model model) {
        choices.appointment(appointmentId).orElseThrow(CaseException::appointmentNotFound);
        Page<CaseView> page = cases.list(new CaseFilter(null, null, appointmentId, null), null, FRAGMENT_SIZE);
        model.addAttribute("cases", page.items());
        model.addAttribute("more", page.nextCursor() != null);
        model.addAttribute("newUrl", "/cases/new?appointment_id=" + appointmentId);
        model.addAttribute("listUrl", "/cases?appointment_id=" + appointmentId);
        return "cases/fragments :: linked-cases";
    }
}
