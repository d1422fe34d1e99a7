package sr.gov.vpflow.holidays;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

@Tag(name = "Holidays", description = "The public holidays that working days skip (v1.2; kept by the administrator)")
@ApiController("/api/v1/holidays")
class HolidayApiController {

    private final HolidayService holidays;
    private final Clock clock;

    HolidayApiController(HolidayService holidays, Clock clock) {
        this.holidays = holidays;
        this.clock = clock;
    }

    @Refusal(status = 400, codes = "invalid_date")
    @Operation(
            summary = "List the holidays",
            description = "The holidays in force between from and to (YYYY-MM-DD, both included; by default"
                    + " this year in Paramaribo), in day order. Empty before the migration plan v1.2.")
    @GetMapping
    List<Holiday> list(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        int year = OfficeTime.today(clock).getYear();
        LocalDate first = date(from, LocalDate.of(year, 1, 1));
        LocalDate last = date(to, LocalDate.of(year, 12, 31));
        if (last.isBefore(first) || first.plusYears(10).isBefore(last)) {
            throw ProblemException.badRequest(
                    "invalid_date", "Give a period from 'from' to 'to' of at most ten years, in that order.");
        }
        return holidays.between(first, last);
    }

    @ApiResponse(responseCode = "201", description = "Entered; Location names the holiday", useReturnTypeSchema = true)
    @Refusal(status = 409, codes = "holiday_exists")
    @Operation(summary = "Enter a holiday (the administrator)")
    @PostMapping
    ResponseEntity<Holiday> add(@RequestBody NewHoliday request) {
        Holiday added = holidays.add(request);
        return ResponseEntity.created(URI.create("/api/v1/holidays/" + added.id()))
                .body(added);
    }

    @ApiResponse(responseCode = "204", description = "Removed; the record stays, marked removed")
    @Operation(
            summary = "Remove a holiday (the administrator)",
            description = "The day becomes a working day again; the holiday stays on record, marked removed.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable UUID id) {
        holidays.remove(id);
        return ResponseEntity.noContent().build();
    }

    private static LocalDate date(String text, LocalDate otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            LocalDate date = LocalDate.parse(text.strip());
            if (date.getYear() < 2000 || date.getYear() > 2200) {
                throw ProblemException.badRequest("invalid_date", "'%s' lies outside the years 2000 to 2200.", text);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid_date", "'%s' is not a date (YYYY-MM-DD).", text);
        }
    }
}
