package sr.gov.vpflow.appointments;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.web.PageController;

/** The Vice President's agenda as a day or a week (Monday to Sunday), in Paramaribo time. */
@PageController
class AgendaPageController {

    private final AgendaDays agenda;
    private final Clock clock;
    private final HolidayService holidays;

    AgendaPageController(AgendaDays agenda, Clock clock, HolidayService holidays) {
        this.agenda = agenda;
        this.clock = clock;
        this.holidays = holidays;
    }

    @GetMapping("/agenda")
    String agenda(
            @RequestParam(defaultValue = "week") String view,
            @RequestParam(required = false) String date,
            Locale locale,
            HttpServletRequest request,
            Model model) {
        LocalDate today = OfficeTime.today(clock);
        LocalDate day = parse(date, today);
        boolean week = !"day".equals(view);
        LocalDate first = week ? day.with(DayOfWeek.MONDAY) : day;
        int length = week ? 7 : 1;
        List<AgendaDay> days = agenda.read(first, length, !week, today, locale);

        model.addAttribute("view", week ? "week" : "day");
        model.addAttribute("day", day);
        model.addAttribute("first", first);
        model.addAttribute("last", first.plusDays(length - 1L));
        model.addAttribute("previous", day.minusDays(length));
        model.addAttribute("next", day.plusDays(length));
        model.addAttribute("today", today);
        model.addAttribute("days", days);
        model.addAttribute(
                "count", days.stream().mapToInt(d -> d.items().size()).sum());
        Map<LocalDate, String> holidayNames = new HashMap<>();
        holidays.between(first, first.plusDays(length - 1L)).forEach(h -> holidayNames.put(h.day(), h.name(locale)));
        model.addAttribute("holidays", holidayNames);
        model.addAttribute("contextPath", request.getContextPath());
        return "appointments/agenda";
    }

    private static LocalDate parse(String date, LocalDate fallback) {
        if (date == null || date.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
