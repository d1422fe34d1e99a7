package sr.gov.vpflow.today;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import sr.gov.vpflow.appointments.AppointmentService;
import sr.gov.vpflow.appointments.AppointmentStatus;
import sr.gov.vpflow.appointments.AppointmentView;
import sr.gov.vpflow.cases.CaseService;
import sr.gov.vpflow.cases.CaseView;
import sr.gov.vpflow.documents.DocumentFilter;
import sr.gov.vpflow.documents.DocumentService;
import sr.gov.vpflow.documents.DocumentView;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.guests.GuestView;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.holidays.WorkingDayCalendar;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.PageController;
import sr.gov.vpflow.users.AccountRequests;

/**
 * Today (Vandaag), the page each role starts from. The page itself is a frame; each section is a
 * fragment ({@code /today/<section>}) that htmx loads on its own, so a slow part never holds up the
 * others, and each reads through the module that owns the records (and the database's rules).
 */
@PageController
class TodayPageController {

    /** The sections each role sees, in the order of the page. */
    static final Map<Role, List<String>> SECTIONS = Map.of(
            Role.SECRETARY,
            List.of("appointments", "waiting", "requested", "due", "reopened", "documents"),
            Role.VP,
            List.of("agenda", "decisions", "overdue", "reopened", "approvals"),
            Role.ADMIN,
            List.of("system"));

    static final int DUE_WITHIN_WORKING_DAYS = 5;
    private static final int LIMIT = 50;

    private final AppointmentService appointments;
    private final GuestService guests;
    private final CaseService cases;
    private final DocumentService documents;
    private final HolidayService holidays;
    private final AccountRequests accountRequests;
    private final SystemAtAGlance system;
    private final SchemaFeatures features;
    private final Clock clock;

    TodayPageController(
            AppointmentService appointments,
            GuestService guests,
            CaseService cases,
            DocumentService documents,
            HolidayService holidays,
            AccountRequests accountRequests,
            SystemAtAGlance system,
            SchemaFeatures features,
            Clock clock) {
        this.appointments = appointments;
        this.guests = guests;
        this.cases = cases;
        this.documents = documents;
        this.holidays = holidays;
        this.accountRequests = accountRequests;
        this.system = system;
        this.features = features;
        this.clock = clock;
    }

    @GetMapping("/")
    String today(@AuthenticationPrincipal CurrentUser user, Model model, Locale locale) {
        LocalDate today = OfficeTime.today(clock);
        model.addAttribute("user", user);
        model.addAttribute("today", today);
        model.addAttribute("sections", SECTIONS.getOrDefault(user.role(), List.of()));
        model.addAttribute(
                "holiday",
                holidays.calendar(today, today)
                        .holiday(today)
                        .map(h -> h.name(locale))
                        .orElse(null));
        return "today/page";
    }

    @GetMapping("/today/{section}")
    String section(
            @PathVariable String section, @AuthenticationPrincipal CurrentUser user, Model model, Locale locale) {
        if (!SECTIONS.getOrDefault(user.role(), List.of()).contains(section)) {
            throw ProblemException.notFound("That part of the start page");
        }
        LocalDate today = OfficeTime.today(clock);
        model.addAttribute("today", today);
        model.addAttribute("section", section);
        switch (section) {
            case "appointments" -> appointments(model, today, today.plusDays(1), Set.of());
            case "agenda" -> appointments(model, today, today.plusDays(2), Set.of());
            case "waiting" -> appointments(model, today, today.plusDays(1), Set.of(AppointmentStatus.ARRIVED));
            case "requested" -> requested(model, today);
            case "due" -> dueCases(model, today);
            case "overdue" -> cases(model, today, cases.due(null, today.minusDays(1), LIMIT));
            case "decisions" -> cases(model, today, cases.forDecision(LIMIT));
            case "reopened" -> cases(model, today, cases.reopened(LIMIT));
            case "documents" -> documentsToday(model, today);
            case "approvals" -> model.addAttribute("requests", accountRequests.list(true));
            case "system" -> model.addAttribute("system", system.now());
            default -> throw ProblemException.notFound("That part of the start page");
        }
        return "today/sections :: " + section;
    }

    private void appointments(Model model, LocalDate first, LocalDate afterLast, Set<AppointmentStatus> only) {
        List<AppointmentView> found = appointments.between(start(first), start(afterLast)).stream()
                .filter(a ->
                        only.isEmpty() || only.stream().anyMatch(s -> s.code().equals(a.status())))
                .toList();
        model.addAttribute("appointments", found);
        model.addAttribute("guests", guestsOf(found));
        model.addAttribute("started", clock.instant());
    }

    private void requested(Model model, LocalDate today) {
        List<AppointmentView> found = appointments
                .list(start(today), start(today.plusYears(1)), null, Set.of(AppointmentStatus.REQUESTED), null, LIMIT)
                .items();
        model.addAttribute("appointments", found);
        model.addAttribute("guests", guestsOf(found));
    }

    private void dueCases(Model model, LocalDate today) {
        WorkingDayCalendar calendar = holidays.calendar(today, today);
        LocalDate until = calendar.plusWorkingDays(today, DUE_WITHIN_WORKING_DAYS);
        // the cases due soon first, then the overdue ones: a backlog does not hide this week's
        List<CaseView> found = new java.util.ArrayList<>(cases.due(today, until, LIMIT));
        found.addAll(cases.due(null, today.minusDays(1), LIMIT));
        cases(model, today, found);
    }

    private void cases(Model model, LocalDate today, List<CaseView> found) {
        model.addAttribute("cases", found);
        model.addAttribute("workingDays", holidays.calendar(today, today));
    }

    private void documentsToday(Model model, LocalDate today) {
        if (!features.isDocuments()) {
            model.addAttribute("documents", List.of());
            return;
        }
        OffsetDateTime since = start(today);
        List<DocumentView> found = documents.list(DocumentFilter.all(), null, LIMIT).items().stream()
                .filter(d -> !d.createdAt().isBefore(since))
                .toList();
        model.addAttribute("documents", found);
    }

    private Map<UUID, GuestView> guestsOf(List<AppointmentView> found) {
        return guests.findAll(found.stream().map(AppointmentView::guestId).toList());
    }

    private static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(OfficeTime.ZONE).toOffsetDateTime();
    }
}
