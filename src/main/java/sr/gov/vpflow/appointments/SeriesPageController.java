package sr.gov.vpflow.appointments;

import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import sr.gov.vpflow.guests.GuestService;

/** A recurring appointment's page: its rule, its occurrences and the ones it skipped. */
@Controller
@RequestMapping("/appointment-series")
class SeriesPageController {

    private final SeriesService series;
    private final GuestService guests;

    SeriesPageController(SeriesService series, GuestService guests) {
        this.series = series;
        this.guests = guests;
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        SeriesView view = series.get(id);
        model.addAttribute("series", view);
        model.addAttribute("guest", guests.find(view.guestId()).orElse(null));
        return "appointments/series";
    }
}
