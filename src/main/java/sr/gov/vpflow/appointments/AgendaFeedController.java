package sr.gov.vpflow.appointments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

@Tag(name = "Appointments")
@ApiController("/api/v1")
class AgendaFeedController {

    private static final Logger log = LoggerFactory.getLogger(AgendaFeedController.class);
    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);
    static final int DAYS_BACK = 30;
    static final int DAYS_AHEAD = 365;

    private final AppointmentService appointments;
    private final SeriesService series;
    private final GuestService guests;
    private final Clock clock;

    AgendaFeedController(AppointmentService appointments, SeriesService series, GuestService guests, Clock clock) {
        this.clock = clock;
        this.appointments = appointments;
        this.series = series;
        this.guests = guests;
    }

    @Operation(
            summary = "The agenda as an iCalendar feed",
            description = "For a calendar program: the appointments from 30 days ago to 365 days ahead; cancelled"
                    + " ones as STATUS:CANCELLED. Send a token or password, or subscribe to the private address"
                    + " /api/v1/feeds/{token}/agenda.ics. A series is one event with its RRULE, EXDATE for the"
                    + " occurrences it does not hold and RECURRENCE-ID events for those changed on their own.")
    @ApiResponse(
            responseCode = "200",
            description = "RFC 5545 iCalendar",
            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
    @Refusal(status = 406, codes = "not_acceptable")
    @GetMapping("/agenda.ics")
    ResponseEntity<String> feed(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        return agenda(request);
    }

    @Operation(
            summary = "The agenda at one's private calendar address",
            description = "The address is made on the account page or by POST /api/v1/me/feed/rotate; it reads the"
                    + " agenda and nothing else, and stops working when a new one is made.")
    @ApiResponse(
            responseCode = "200",
            description = "RFC 5545 iCalendar",
            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
    @SecurityRequirements
    @Refusal(status = 401, codes = "unauthorized")
    @Refusal(status = 403, codes = "forbidden")
    @Refusal(status = 406, codes = "not_acceptable")
    @GetMapping("/feeds/{token}/agenda.ics")
    ResponseEntity<String> privateFeed(
            @Parameter(description = "the private address's secret (checked before this answers)") @PathVariable
                    String token,
            HttpServletRequest request)
            throws HttpMediaTypeNotAcceptableException {
        return agenda(request);
    }

    /** The feed, to a client that takes iCalendar (or anything); one that takes only other types gets 406. */
    private ResponseEntity<String> agenda(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null
                && !accept.isBlank()
                && MediaType.parseMediaTypes(accept).stream().noneMatch(m -> m.includes(TEXT_CALENDAR))) {
            throw new HttpMediaTypeNotAcceptableException(List.of(TEXT_CALENDAR));
        }
        LocalDate today = OfficeTime.today(clock);
        List<AppointmentView> agenda = appointments.between(
                today.minusDays(DAYS_BACK).atStartOfDay(OfficeTime.ZONE).toOffsetDateTime(),
                today.plusDays(DAYS_AHEAD + 1).atStartOfDay(OfficeTime.ZONE).toOffsetDateTime());
        Set<UUID> seriesIds = agenda.stream()
                .map(AppointmentView::seriesId)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<SeriesService.SeriesFeedItem> recurring = series.forFeed(seriesIds);
        Set<UUID> guestIds = agenda.stream().map(AppointmentView::guestId).collect(Collectors.toSet());
        recurring.forEach(item -> {
            guestIds.add(item.series().guestId());
            item.occurrences().forEach(a -> guestIds.add(a.guestId()));
            item.outside().forEach(a -> guestIds.add(a.guestId()));
        });
        String body = AgendaFeed.of(agenda, recurring, guests.findAll(List.copyOf(guestIds)), clock.instant());
        log.debug("agenda feed served with {} appointments", agenda.size());
        return ResponseEntity.ok()
                .contentType(TEXT_CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"vpflow-agenda.ics\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(body);
    }
}
