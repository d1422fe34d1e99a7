package sr.gov.vpflow.appointments;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.guests.GuestView;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/** The appointment pages: booking, the appointment itself with its actions, editing. */
@PageController
@RequestMapping("/appointments")
class AppointmentPageController {

    private static final int GUEST_HISTORY = 100;

    /** The one-click status actions of the appointment page, in the order shown, with where they lead. */
    private static final List<Map.Entry<String, AppointmentStatus>> BUTTONS = List.of(
            Map.entry("schedule", AppointmentStatus.SCHEDULED),
            Map.entry("check-in", AppointmentStatus.ARRIVED),
            Map.entry("complete", AppointmentStatus.COMPLETED),
            Map.entry("no-show", AppointmentStatus.NO_SHOW));

    /** The status actions of the pages, by their path: what they do and the notice they leave. */
    private final Map<String, BiFunction<UUID, StatusAction, AppointmentView>> actions;

    private final AppointmentService appointments;
    private final SeriesService series;
    private final GuestService guests;
    private final MessageSource messages;
    private final Clock clock;

    AppointmentPageController(
            AppointmentService appointments,
            SeriesService series,
            GuestService guests,
            MessageSource messages,
            Clock clock) {
        this.clock = clock;
        this.appointments = appointments;
        this.series = series;
        this.guests = guests;
        this.messages = messages;
        this.actions = Map.of(
                "schedule", appointments::schedule,
                "check-in", appointments::checkIn,
                "complete", appointments::complete,
                "no-show", appointments::noShow,
                "cancel", appointments::cancel);
    }

    @GetMapping("/new")
    String newAppointment(
            @RequestParam(name = "guest_id", required = false) UUID guestId,
            @RequestParam(required = false) String date,
            Model model) {
        LocalDate today = OfficeTime.today(clock);
        LocalDate day = today;
        if (date != null) {
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                day = today;
            }
        }
        GuestView guest = guestId == null ? null : guests.find(guestId).orElse(null);
        model.addAttribute(
                "form", AppointmentForm.forDay(day.isBefore(today) ? today : day, guest == null ? null : guestId));
        model.addAttribute("guest", guest);
        model.addAttribute("repeat", RepeatForm.none());
        return "appointments/form";
    }

    @PostMapping
    String book(
            @ModelAttribute("form") AppointmentForm form,
            @ModelAttribute("repeat") RepeatForm repeat,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            if (repeat.repeats()) {
                SeriesService.refuseNotice(form.notifyGuest());
                SeriesView booked = series.book(repeat.toSeries(form));
                redirect.addFlashAttribute("notice", "appointments.notice.seriesBooked");
                return "redirect:/appointment-series/" + booked.id();
            }
            AppointmentView booked = appointments.book(form.toBooking());
            redirect.addFlashAttribute("notice", "appointments.notice.booked");
            return "redirect:/appointments/" + booked.id();
        } catch (ProblemException e) {
            model.addAttribute("guest", chosenGuest(form));
            return refused(e, model, response, locale, "appointments/form");
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        showModel(appointments.get(id), model);
        return "appointments/show";
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        AppointmentView appointment = appointments.get(id);
        model.addAttribute("appointment", appointment);
        model.addAttribute("guest", guests.find(appointment.guestId()).orElse(null));
        model.addAttribute("form", AppointmentForm.of(appointment));
        return "appointments/form";
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable UUID id,
            @ModelAttribute("form") AppointmentForm form,
            @RequestParam(required = false) String scope,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            SeriesService.Scope reach = SeriesService.Scope.of(scope);
            if (reach == SeriesService.Scope.THIS) {
                appointments.edit(id, form.toEdit());
            } else {
                series.change(id, reach, SeriesChange.of(form.toEdit()));
            }
            redirect.addFlashAttribute("notice", "appointments.notice.updated");
            return "redirect:/appointments/" + id;
        } catch (ProblemException e) {
            AppointmentView appointment = appointments.get(id);
            model.addAttribute("appointment", appointment);
            model.addAttribute("guest", guests.find(appointment.guestId()).orElse(null));
            return refused(e, model, response, locale, "appointments/form");
        }
    }

    @PostMapping("/{id}/reschedule")
    String reschedule(
            @PathVariable UUID id,
            @ModelAttribute("rescheduleForm") AppointmentForm form,
            @RequestParam(required = false) String scope,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            SeriesService.Scope reach = SeriesService.Scope.of(scope);
            if (reach == SeriesService.Scope.THIS) {
                appointments.reschedule(id, form.toReschedule());
            } else {
                SeriesService.refuseNotice(form.notifyGuest());
                series.change(id, reach, SeriesChange.of(form.toReschedule()));
            }
            redirect.addFlashAttribute("notice", "appointments.notice.rescheduled");
            return "redirect:/appointments/" + id;
        } catch (ProblemException e) {
            showModel(appointments.get(id), model);
            model.addAttribute("rescheduleForm", form);
            model.addAttribute("rescheduleOpen", true);
            return refused(e, model, response, locale, "appointments/show");
        }
    }

    @PostMapping("/{id}/{action:schedule|check-in|complete|no-show|cancel}")
    String act(
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) Boolean notifyGuest,
            Model model,
            HttpServletResponse response,
            Locale locale,
            RedirectAttributes redirect) {
        try {
            SeriesService.Scope reach = SeriesService.Scope.of(scope);
            StatusAction given = new StatusAction(reason, version, notifyGuest);
            if ("cancel".equals(action) && reach != SeriesService.Scope.THIS) {
                SeriesService.refuseNotice(notifyGuest);
                series.cancel(id, reach, given);
            } else {
                actions.get(action).apply(id, given);
            }
            redirect.addFlashAttribute("notice", "appointments.notice." + action);
            return "redirect:/appointments/" + id;
        } catch (ProblemException e) {
            showModel(appointments.get(id), model);
            model.addAttribute("cancelOpen", "cancel".equals(action));
            return refused(e, model, response, locale, "appointments/show");
        }
    }

    /** The appointments of one guest, for the guest's page (loaded with htmx). */
    @GetMapping("/fragments/by-guest/{guestId}")
    String byGuest(@PathVariable UUID guestId, Model model) {
        List<AppointmentView> list = appointments.ofGuest(guestId, GUEST_HISTORY);
        model.addAttribute("appointments", list);
        model.addAttribute("guestId", guestId);
        return "appointments/by-guest :: list";
    }

    private void showModel(AppointmentView appointment, Model model) {
        AppointmentStatus status = appointment.state();
        model.addAttribute("appointment", appointment);
        model.addAttribute("guest", guests.find(appointment.guestId()).orElse(null));
        model.addAttribute(
                "next", status.next().stream().map(AppointmentStatus::code).toList());
        model.addAttribute(
                "buttons",
                BUTTONS.stream()
                        .filter(b -> status.canBecome(b.getValue()) && timely(appointment, b.getValue()))
                        .map(Map.Entry::getKey)
                        .toList());
        model.addAttribute("canMove", status.canMove());
        if (!model.containsAttribute("rescheduleForm")) {
            model.addAttribute("rescheduleForm", AppointmentForm.of(appointment));
        }
    }

    /** Offers only what the rules allow now: check-in from the day itself, completion and no-show from the start. */
    private boolean timely(AppointmentView appointment, AppointmentStatus target) {
        return switch (target) {
            case ARRIVED -> !appointment.startsAt().toLocalDate().isAfter(OfficeTime.today(clock));
            case COMPLETED, NO_SHOW -> !appointment.startsAt().toInstant().isAfter(clock.instant());
            default -> true;
        };
    }

    private GuestView chosenGuest(AppointmentForm form) {
        try {
            return guests.find(form.guest()).orElse(null);
        } catch (ProblemException e) {
            return null;
        }
    }

    private String refused(ProblemException e, Model model, HttpServletResponse response, Locale locale, String view) {
        if (e.status().value() == 403 || (e.status().value() == 404 && !"guest_not_found".equals(e.code()))) {
            throw e;
        }
        response.setStatus(e.status().value());
        model.addAttribute("error", PageMessages.of(messages, e, locale));
        model.addAttribute("errorField", e.properties().get("field"));
        if (e instanceof AppointmentException a && a.conflicting() != null) {
            model.addAttribute("conflict", a.conflicting());
        }
        if (e.properties().get("conflicts") instanceof List<?> conflicts) {
            model.addAttribute("seriesConflicts", conflicts);
        }
        return view;
    }
}
