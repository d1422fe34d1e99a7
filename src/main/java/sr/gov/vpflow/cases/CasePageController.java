package sr.gov.vpflow.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import sr.gov.vpflow.audit.AuditWording;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.holidays.WorkingDayCalendar;
import sr.gov.vpflow.platform.FieldErrors.FieldError;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.platform.web.PageMessages;

/** The case pages: list, new, detail with history, closing and (v1.1-A) re-opening, edit. */
@PageController
class CasePageController {

    private static final int PAGE_SIZE = 25;

    private final CaseService cases;
    private final CaseChoices choices;
    private final AuditWording wording;
    private final MessageSource messages;
    private final SchemaFeatures features;
    private final Clock clock;
    private final DueDates dueDates;
    private final HolidayService holidays;

    CasePageController(
            CaseService cases,
            CaseChoices choices,
            AuditWording wording,
            MessageSource messages,
            SchemaFeatures features,
            Clock clock,
            DueDates dueDates,
            HolidayService holidays) {
        this.dueDates = dueDates;
        this.holidays = holidays;
        this.cases = cases;
        this.choices = choices;
        this.wording = wording;
        this.messages = messages;
        this.features = features;
        this.clock = clock;
    }

    /**
     * What the case page shows besides the case: a refusal, what was typed in the close or the
     * re-open form, whether the re-open form is open and why it was refused.
     */
    private record PageState(String problem, String resolution, boolean reopenForm, String reason, String reopenError) {

        static PageState plain() {
            return new PageState(null, "", false, "", null);
        }

        static PageState problem(String problem, String resolution) {
            return new PageState(problem, resolution, false, "", null);
        }
    }

    @GetMapping("/cases")
    String list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String q,
            @RequestParam(name = "guest_id", required = false) UUID guestId,
            @RequestParam(name = "appointment_id", required = false) UUID appointmentId,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
            Model model) {
        boolean reopening = features.isReopening();
        CaseState wanted =
                state == null ? null : CaseState.fromCode(state, reopening).orElse(null);
        Page<CaseView> page = cases.list(new CaseFilter(wanted, guestId, appointmentId, q), cursor, PAGE_SIZE);
        LocalDate today = OfficeTime.today(clock);
        model.addAttribute("today", today);
        model.addAttribute("workingDays", holidays.calendar(today, today));
        model.addAttribute("guestId", guestId);
        model.addAttribute("appointmentId", appointmentId);
        model.addAttribute("page", page);
        model.addAttribute("state", wanted == null ? "" : wanted.code());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("states", CaseState.offered(reopening));
        model.addAttribute(
                "nextUrl",
                page.nextCursor() == null
                        ? null
                        : UriComponentsBuilder.fromPath("/cases")
                                .queryParamIfPresent(
                                        "state",
                                        java.util.Optional.ofNullable(wanted).map(CaseState::code))
                                .queryParamIfPresent(
                                        "q", java.util.Optional.ofNullable(q).filter(s -> !s.isBlank()))
                                .queryParamIfPresent("guest_id", java.util.Optional.ofNullable(guestId))
                                .queryParamIfPresent("appointment_id", java.util.Optional.ofNullable(appointmentId))
                                .queryParam("cursor", page.nextCursor())
                                .encode()
                                .build()
                                .toUriString());
        // a history restore wants the whole page back
        return htmx != null && restore == null ? "cases/list :: results" : "cases/list";
    }

    @GetMapping("/cases/new")
    String newCase(
            @RequestParam(name = "guest_id", required = false) UUID guestId,
            @RequestParam(name = "appointment_id", required = false) UUID appointmentId,
            Model model) {
        CaseForm form = CaseForm.empty();
        if (appointmentId != null) {
            LinkedRecords.AppointmentRef appointment =
                    choices.appointment(appointmentId).orElseThrow(CaseException::appointmentNotFound);
            form = withLinks(form, appointment.guestId().toString(), appointmentId.toString());
        } else if (guestId != null) {
            choices.guest(guestId).orElseThrow(CaseException::guestNotFound);
            form = withLinks(form, guestId.toString(), "");
        }
        return form(model, form, null, Map.of(), null);
    }

    @PostMapping("/cases")
    String open(
            @RequestParam Map<String, String> params,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        CaseForm form = CaseForm.from(params);
        model.addAttribute("dueInWorkingDays", params.getOrDefault(DueDates.WORKING_DAYS, ""));
        try {
            CaseView created = cases.open(CaseInput.opening(dueDates.resolve(withWorkingDays(form.fields(), params))));
            redirect.addFlashAttribute(
                    "notice", messages.getMessage("cases.notice.opened", new Object[] {created.reference()}, locale));
            return "redirect:/cases/" + created.id();
        } catch (CaseException e) {
            if (e.status().is4xxClientError() && e.status().value() != 403) {
                response.setStatus(e.status().value());
                return form(model, form, null, fieldErrors(e, locale), generalError(e, locale));
            }
            throw e;
        }
    }

    /** A number of working days typed in the form goes with the fields (when the database has the calendar). */
    private Map<String, Object> withWorkingDays(Map<String, Object> fields, Map<String, String> params) {
        String days = params.get(DueDates.WORKING_DAYS);
        if (features.isOfficeDay() && days != null && !days.isBlank()) {
            // the form offers the one or the other: a number typed wins over the date shown
            fields.put("due_date", "");
            fields.put(DueDates.WORKING_DAYS, days);
        }
        return fields;
    }

    /** A note on the case, in any state (v1.2). */
    @PostMapping("/cases/{id}/notes")
    String addNote(
            @PathVariable UUID id,
            @RequestParam(required = false) String text,
            @RequestParam(name = "vp_only", defaultValue = "false") boolean vpOnly,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            cases.addNote(id, new NewCaseNote(text, vpOnly));
            redirect.addFlashAttribute("notice", messages.getMessage("cases.notice.noteAdded", null, locale));
            return "redirect:/cases/" + id + "#notes-heading";
        } catch (CaseException e) {
            if (e.status().value() != 400) {
                throw e;
            }
            response.setStatus(400);
            model.addAttribute(
                    "noteError",
                    e.fieldProblems().isEmpty()
                            ? PageMessages.of(messages, e, locale)
                            : fieldErrors(e, locale).values().iterator().next());
            model.addAttribute("noteText", text);
            return detail(cases.get(id), user, model, locale, PageState.plain());
        }
    }

    /** A secretary puts the case forward for decision; the Vice President takes the mark off (v1.2). */
    @PostMapping("/cases/{id}/decision")
    String decision(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "true") boolean marked,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            cases.markForDecision(id, marked);
        } catch (CaseException e) {
            if (e.status().value() != 409) {
                throw e;
            }
            response.setStatus(409);
            return detail(
                    cases.get(id), user, model, locale, PageState.problem(PageMessages.of(messages, e, locale), ""));
        }
        redirect.addFlashAttribute(
                "notice", messages.getMessage(marked ? "cases.notice.marked" : "cases.notice.cleared", null, locale));
        return "redirect:/cases/" + id;
    }

    @GetMapping("/cases/{id}")
    String detail(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user, Model model, Locale locale) {
        return detail(cases.get(id), user, model, locale, PageState.plain());
    }

    @GetMapping("/cases/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        CaseView current = cases.get(id);
        if (current.stateValue() == CaseState.CLOSED) {
            throw CaseException.closedCase();
        }
        return form(model, CaseForm.of(current), current, Map.of(), null);
    }

    @PostMapping("/cases/{id}/edit")
    String saveEdit(
            @PathVariable UUID id,
            @RequestParam Map<String, String> params,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        CaseView current = cases.get(id);
        CaseForm form = CaseForm.from(params);
        try {
            Map<String, Object> fields = withWorkingDays(form.fields(), params);
            fields.put("version", form.version());
            model.addAttribute("dueInWorkingDays", params.getOrDefault(DueDates.WORKING_DAYS, ""));
            CaseView saved = cases.edit(id, CaseInput.edit(dueDates.resolve(fields), features.isReopening()));
            redirect.addFlashAttribute(
                    "notice", messages.getMessage("cases.notice.saved", new Object[] {saved.reference()}, locale));
            return "redirect:/cases/" + id;
        } catch (CaseException e) {
            if (e.status().is4xxClientError()
                    && e.status().value() != 403
                    && e.status().value() != 404) {
                response.setStatus(e.status().value());
                return form(model, form, current, fieldErrors(e, locale), generalError(e, locale));
            }
            throw e;
        }
    }

    /** The buttons that move a case between open and in progress. */
    @PostMapping("/cases/{id}/state")
    String move(
            @PathVariable UUID id,
            @RequestParam String state,
            @RequestParam(required = false) String version,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("state", state);
        fields.put("version", version);
        try {
            CaseView moved = cases.edit(id, CaseInput.edit(fields, features.isReopening()));
            redirect.addFlashAttribute(
                    "notice",
                    messages.getMessage(
                            "cases.notice.moved",
                            new Object[] {
                                moved.reference(), messages.getMessage("cases.state." + moved.state(), null, locale)
                            },
                            locale));
            return "redirect:/cases/" + id;
        } catch (CaseException e) {
            if (e.status().value() == 409 || e.status().value() == 400) {
                response.setStatus(e.status().value());
                return detail(
                        cases.get(id),
                        user,
                        model,
                        locale,
                        PageState.problem(PageMessages.of(messages, e, locale), ""));
            }
            throw e;
        }
    }

    @PostMapping("/cases/{id}/close")
    String close(
            @PathVariable UUID id,
            @RequestParam(required = false) String resolution,
            @RequestParam(required = false) String version,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("resolution", resolution);
        fields.put("version", version);
        try {
            boolean reclosing = cases.get(id).stateValue() == CaseState.REOPENED;
            CaseView closed = cases.close(id, CaseInput.closing(fields));
            redirect.addFlashAttribute(
                    "notice",
                    messages.getMessage(
                            reclosing ? "cases.notice.reclosed" : "cases.notice.closed",
                            new Object[] {closed.reference()},
                            locale));
            return "redirect:/cases/" + id;
        } catch (CaseException e) {
            if (e.status().value() == 409 || e.status().value() == 400) {
                response.setStatus(e.status().value());
                String problem = e.fieldProblems().isEmpty()
                        ? PageMessages.of(messages, e, locale)
                        : fieldErrors(e, locale).get("resolution");
                return detail(
                        cases.get(id),
                        user,
                        model,
                        locale,
                        PageState.problem(problem, resolution == null ? "" : resolution));
            }
            throw e;
        }
    }

    /**
     * The re-open form (v1.1-A): htmx gets only the panel that holds it (or, with
     * {@code form=false}, the button again); without htmx it is the case page with the form open.
     */
    @GetMapping("/cases/{id}/reopen")
    String reopenForm(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "true") boolean form,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            Locale locale) {
        if (!features.isReopening()) {
            throw CaseException.reopeningNotOffered();
        }
        detail(cases.get(id), user, model, locale, new PageState(null, "", form, "", null));
        model.addAttribute("focusButton", !form);
        return htmx != null ? "cases/detail :: reopen-panel" : "cases/detail";
    }

    @PostMapping("/cases/{id}/reopen")
    String reopen(
            @PathVariable UUID id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String version,
            @AuthenticationPrincipal CurrentUser user,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect,
            Locale locale) {
        if (!features.isReopening()) {
            throw CaseException.reopeningNotOffered();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("reason", reason);
        fields.put("version", version);
        String typed = reason == null ? "" : reason;
        try {
            CaseView reopened = cases.reopen(id, CaseInput.reopening(fields));
            redirect.addFlashAttribute(
                    "notice",
                    messages.getMessage("cases.notice.reopened", new Object[] {reopened.reference()}, locale));
            return "redirect:/cases/" + id;
        } catch (CaseException e) {
            if (e.status().value() == 400) {
                response.setStatus(400);
                String problem = e.fieldProblems().isEmpty()
                        ? PageMessages.of(messages, e, locale)
                        : fieldErrors(e, locale).get("reason");
                return detail(cases.get(id), user, model, locale, new PageState(null, "", true, typed, problem));
            }
            if (e.status().value() == 409) {
                // the case is not closed (any more), or changed since the page was read
                response.setStatus(409);
                return detail(
                        cases.get(id),
                        user,
                        model,
                        locale,
                        new PageState(PageMessages.of(messages, e, locale), "", false, typed, null));
            }
            throw e;
        }
    }

    private String detail(CaseView view, CurrentUser user, Model model, Locale locale, PageState state) {
        Role role = user.role();
        CaseState current = view.stateValue();
        List<AuditWording.Line> history = wording.describe(cases.history(view.id()), locale);
        LocalDate today = OfficeTime.today(clock);
        model.addAttribute("c", view);
        model.addAttribute("user", user);
        model.addAttribute("today", today);
        if (view.dueDate() != null) {
            WorkingDayCalendar calendar = holidays.calendar(today, view.dueDate());
            model.addAttribute("workingDaysLeft", calendar.workingDaysLeft(today, view.dueDate()));
            model.addAttribute(
                    "dueHoliday",
                    calendar.holiday(view.dueDate()).map(h -> h.name(locale)).orElse(null));
        } else {
            model.addAttribute("workingDaysLeft", null);
            model.addAttribute("dueHoliday", null);
        }
        boolean officeDay = features.isOfficeDay();
        model.addAttribute(
                "mayMark", officeDay && role == Role.SECRETARY && !view.forDecision() && current != CaseState.CLOSED);
        model.addAttribute("mayClearMark", officeDay && role == Role.VP && view.forDecision());
        model.addAttribute("notes", officeDay ? cases.notes(view.id()) : List.of());
        if (!model.containsAttribute("noteText")) {
            model.addAttribute("noteText", "");
            model.addAttribute("noteError", null);
        }
        model.addAttribute("history", history);
        model.addAttribute("timeline", CaseTimeline.parts(history));
        model.addAttribute(
                "moves",
                current.movesFor(role).stream()
                        .filter(s -> s != CaseState.CLOSED && s != CaseState.REOPENED)
                        .sorted()
                        .toList());
        model.addAttribute("mayClose", current.movesFor(role).contains(CaseState.CLOSED));
        model.addAttribute("closed", current == CaseState.CLOSED);
        model.addAttribute("reopened", current == CaseState.REOPENED);
        model.addAttribute("reopening", current == CaseState.REOPENED ? CaseTimeline.latest(history) : null);
        model.addAttribute(
                "mayReopen", features.isReopening() && current.movesFor(role).contains(CaseState.REOPENED));
        model.addAttribute("reopenForm", state.reopenForm());
        model.addAttribute("reason", state.reason());
        model.addAttribute("reopenError", state.reopenError());
        model.addAttribute("focusButton", false);
        model.addAttribute("problem", state.problem());
        model.addAttribute("resolution", state.resolution());
        return "cases/detail";
    }

    private String form(Model model, CaseForm form, CaseView current, Map<String, String> errors, String problem) {
        if (!model.containsAttribute("dueInWorkingDays")) {
            model.addAttribute("dueInWorkingDays", "");
        }
        CaseChoices.Options options = choices.options(uuid(form.guestId()), uuid(form.appointmentId()));
        model.addAttribute("form", form);
        model.addAttribute("c", current);
        model.addAttribute("errors", errors);
        model.addAttribute("problem", problem);
        model.addAttribute("priorities", List.of(CasePriority.values()));
        model.addAttribute("guests", options.guests());
        model.addAttribute("appointments", options.appointments());
        return "cases/form";
    }

    private static CaseForm withLinks(CaseForm form, String guestId, String appointmentId) {
        return new CaseForm(
                form.title(),
                form.description(),
                form.priority(),
                form.dueDate(),
                guestId,
                appointmentId,
                form.version());
    }

    /** The words for each field that was refused, by field name. */
    private Map<String, String> fieldErrors(CaseException e, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldError p : e.fieldProblems()) {
            errors.putIfAbsent(
                    p.field(),
                    messages.getMessage(
                            "cases.error." + p.code(),
                            new Object[] {p.max()},
                            messages.getMessage("cases.error.invalid_value", null, locale),
                            locale));
        }
        return errors;
    }

    /** The words for a refusal that is not about one field (a guest that does not exist, a stale version). */
    private String generalError(CaseException e, Locale locale) {
        return e.fieldProblems().isEmpty()
                ? PageMessages.of(messages, e, locale)
                : messages.getMessage("problem.validation_failed", null, locale);
    }

    private static UUID uuid(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
