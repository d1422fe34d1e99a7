package sr.gov.vpflow.appointments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

@Tag(
        name = "Appointment series",
        description = "Recurring appointments (vp and secretary): a rule (RFC 5545 RRULE) and an appointment for each"
                + " occurrence, made a year ahead and extended as time passes. An occurrence is changed or cancelled"
                + " with the appointment operations; their scope parameter (this, following, all) reaches the others.")
@ApiController("/api/v1/appointment-series")
class SeriesApiController {

    private final SeriesService series;

    SeriesApiController(SeriesService series) {
        this.series = series;
    }

    @ApiResponse(
            responseCode = "201",
            description = "Booked; Location names the series, occurrences lists its appointments",
            useReturnTypeSchema = true)
    @Refusal(
            status = 400,
            codes = {"invalid_rule"})
    @Refusal(status = 404, codes = "guest_not_found")
    @Refusal(
            status = 409,
            codes = {"series_overlap", "guest_archived", "holidays_unavailable"})
    @Refusal(
            status = 422,
            codes = {"appointment_in_past", "end_before_start", "series_without_occurrences", "series_length"})
    @Operation(
            summary = "Book a recurring appointment",
            description = "starts_at and ends_at are the first occurrence's time; rule says on which days it returns"
                    + " (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY with INTERVAL, BYDAY such as TU or 1MO or -1FR,"
                    + " BYMONTHDAY, BYMONTH, BYSETPOS, and UNTIL (a date or a UTC time) or COUNT), in Paramaribo's"
                    + " time. When occurrences would overlap other appointments, 409 series_overlap names every"
                    + " one in conflicts and nothing is booked; with book_free true the free ones are booked and the"
                    + " others listed in skipped. skip_holidays leaves out public holidays.")
    @PostMapping
    ResponseEntity<SeriesView> book(@RequestBody BookSeries request) {
        SeriesView created = series.book(request);
        return ResponseEntity.created(URI.create("/api/v1/appointment-series/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Read a series with its occurrences")
    @GetMapping("/{id}")
    SeriesView get(@PathVariable UUID id) {
        return series.get(id);
    }
}
