package sr.gov.vpflow.appointments;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.guests.GuestView;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.web.PageController;

/** The Vice President's agenda as a day or a week (Monday to Sunday), in Paramaribo time. */
@PageController
class AgendaPageController {

    private final AppointmentService appointments;
    private final GuestService guests;
    private final MessageSource messages;
    private final Clock clock;
    private final HolidayService holidays;

    AgendaPageController(
            AppointmentService appointments,
            GuestService guests,
            MessageSource messages,
            Clock clock,
            HolidayService holidays) {
        this.holidays = holidays;
        this.appointments = appointments;
        this.guests = guests;
        this.messages = messages;
        this.clock = clock;
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
        LocalDate afterLast = first.plusDays(length);

        List<AppointmentView> found = appointments.between(start(first), start(afterLast));
        Map<UUID, GuestView> guestsById =
                guests.findAll(found.stream().map(AppointmentView::guestId).toList());
        Map<LocalDate, List<AgendaItem>> byDay = new LinkedHashMap<>();
        for (int i = 0; i < length; i++) {
            byDay.put(first.plusDays(i), new ArrayList<>());
        }
        Map<String, String> statusLabels = new HashMap<>();
        for (AppointmentView a : found) {
            LocalDate startDay = a.startsAt().toLocalDate();
            LocalDate column = startDay.isBefore(first) ? first : startDay;
            String label = statusLabels.computeIfAbsent(
                    a.status(), status -> messages.getMessage("appointments.status." + status, null, status, locale));
            byDay.get(column).add(AgendaItem.of(a, guestsById.get(a.guestId()), !week, label));
        }

        model.addAttribute("view", week ? "week" : "day");
        model.addAttribute("day", day);
        model.addAttribute("first", first);
        model.addAttribute("last", afterLast.minusDays(1));
        model.addAttribute("previous", day.minusDays(length));
        model.addAttribute("next", day.plusDays(length));
        model.addAttribute("today", today);
        model.addAttribute(
                "days",
                byDay.entrySet().stream()
                        .map(e -> new AgendaDay(e.getKey(), e.getKey().equals(today), e.getValue()))
                        .toList());
        model.addAttribute("count", found.size());
        Map<LocalDate, String> holidayNames = new HashMap<>();
        holidays.between(first, afterLast.minusDays(1)).forEach(h -> holidayNames.put(h.day(), h.name(locale)));
        model.addAttribute("holidays", holidayNames);
        model.addAttribute("contextPath", request.getContextPath());
        return "appointments/agenda";
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(OfficeTime.ZONE).toOffsetDateTime();
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

    /** One day of the agenda. */
    record AgendaDay(LocalDate date, boolean today, List<AgendaItem> items) {}
}
