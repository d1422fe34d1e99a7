package sr.gov.vpflow.appointments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.web.ApiController;

@Tag(name = "Appointments")
@ApiController("/api/v1")
class AgendaFeedController {

    private static final Logger log = LoggerFactory.getLogger(AgendaFeedController.class);
    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);
    static final int DAYS_BACK = 30;
    static final int DAYS_AHEAD = 365;

    private final AppointmentService appointments;
    private final GuestService guests;
    private final Clock clock;

    AgendaFeedController(AppointmentService appointments, GuestService guests, Clock clock) {
        this.clock = clock;
        this.appointments = appointments;
        this.guests = guests;
    }

    @Operation(
            summary = "The agenda as an iCalendar feed",
            description = "For a calendar program: the appointments from 30 days ago to 365 days ahead; cancelled"
                    + " ones as STATUS:CANCELLED. Subscribe to the private address /api/v1/feeds/{token}/agenda.ics"
                    + " (made on the account page or by POST /api/v1/me/feed), or send a token or password.")
    @GetMapping(
            value = {"/agenda.ics", "/feeds/{token}/agenda.ics"},
            produces = "text/calendar")
    ResponseEntity<String> feed() {
        LocalDate today = OfficeTime.today(clock);
        List<AppointmentView> agenda = appointments.between(
                today.minusDays(DAYS_BACK).atStartOfDay(OfficeTime.ZONE).toOffsetDateTime(),
                today.plusDays(DAYS_AHEAD + 1).atStartOfDay(OfficeTime.ZONE).toOffsetDateTime());
        String body = AgendaFeed.of(
                agenda,
                guests.findAll(agenda.stream().map(AppointmentView::guestId).toList()),
                clock.instant());
        log.debug("agenda feed served with {} appointments", agenda.size());
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"vpflow-agenda.ics\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(body);
    }
}
