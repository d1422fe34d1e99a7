package sr.gov.vpflow.appointments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.PatchBody;
import sr.gov.vpflow.platform.web.Refusal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag(
        name = "Appointments",
        description = "The Vice President's agenda (vp and secretary). Statuses: requested, scheduled, arrived,"
                + " completed, cancelled, no_show. Two scheduled or arrived appointments never overlap: a booking"
                + " that would is refused with 409 appointment_overlap and the member conflicting_appointment.")
@ApiController("/api/v1/appointments")
class AppointmentApiController {

    private static final Set<String> EDITABLE = Set.of("guest_id", "subject", "purpose", "location", "version");

    private static final String SCOPE = "For an occurrence of a series: this (the default), following (this and the"
            + " later ones; the series is split here) or all; occurrences that have begun keep what happened.";

    private final AppointmentService appointments;
    private final SeriesService series;
    private final JsonMapper json;

    AppointmentApiController(AppointmentService appointments, SeriesService series, JsonMapper json) {
        this.appointments = appointments;
        this.series = series;
        this.json = json;
    }

    @ApiResponse(
            responseCode = "201",
            description = "Booked; Location names the appointment",
            useReturnTypeSchema = true)
    @Refusal(status = 400, codes = "invalid_status")
    @Refusal(status = 404, codes = "guest_not_found")
    @Refusal(
            status = 409,
            codes = {"appointment_overlap", "guest_archived"})
    @Refusal(
            status = 422,
            codes = {"appointment_in_past", "end_before_start", "guest_without_email", "mail_off", "notify_requested"})
    @Operation(
            summary = "Book an appointment",
            description = "status is scheduled (default) or requested (no slot held). Times are ISO-8601 with an"
                    + " offset; a start in the past is refused (422 appointment_in_past). notify_guest: true mails the"
                    + " guest a confirmation with a calendar invitation (422 guest_without_email, mail_off).")
    @PostMapping
    ResponseEntity<AppointmentView> book(@RequestBody BookAppointment request) {
        AppointmentView created = appointments.book(request);
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + created.id()))
                .body(created);
    }

    @Refusal(
            status = 400,
            codes = {"invalid_date", "invalid_range", "invalid_status", "invalid_cursor", "invalid_limit"})
    @Operation(
            summary = "The agenda",
            description = "Appointments whose time overlaps from..to, by start time. from and to are dates"
                    + " (2026-05-01, whole days in Paramaribo) or times with an offset; either may be left out.")
    @GetMapping
    Page<AppointmentView> list(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(name = "guest_id", required = false) UUID guestId,
            @Parameter(description = "only these statuses (repeat or separate by commas)")
                    @RequestParam(required = false)
                    List<String> status,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        TimeRange range = TimeRange.parse(from, to);
        return appointments.list(range.from(), range.to(), guestId, statuses(status), cursor, Page.limit(limit));
    }

    @Operation(summary = "Read an appointment")
    @GetMapping("/{id}")
    AppointmentView get(@PathVariable UUID id) {
        return appointments.get(id);
    }

    @Refusal(
            status = 400,
            codes = {"version_required", "invalid_scope"})
    @Refusal(status = 404, codes = "guest_not_found")
    @Refusal(
            status = 409,
            codes = {"stale_version", "guest_archived", "appointment_overlap", "not_in_series", "series_cancelled"})
    @Operation(
            summary = "Edit an appointment's details",
            description = "guest_id, subject, purpose, location with the version you read (stale: 409"
                    + " stale_version); a member left out keeps its value, null clears it. Times change by reschedule,"
                    + " the status by its actions (400 validation_failed, not_editable).")
    @PatchMapping("/{id}")
    AppointmentView edit(
            @PathVariable UUID id,
            @Parameter(description = SCOPE) @RequestParam(required = false) String scope,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = EditAppointment.class)))
                    @RequestBody
                    JsonNode body) {
        SeriesService.Scope reach = SeriesService.Scope.of(scope);
        EditAppointment edit = readEdit(body);
        return reach == SeriesService.Scope.THIS
                ? appointments.edit(id, edit)
                : series.change(id, reach, SeriesChange.of(edit));
    }

    @Refusal(
            status = 400,
            codes = {"version_required", "reason_required", "invalid_scope"})
    @Refusal(
            status = 409,
            codes = {
                "stale_version",
                "cannot_reschedule",
                "appointment_overlap",
                "series_overlap",
                "not_in_series",
                "series_cancelled"
            })
    @Refusal(
            status = 422,
            codes = {
                "appointment_in_past",
                "end_before_start",
                "series_day_change",
                "series_length",
                "guest_without_email",
                "mail_off",
                "notify_requested",
                "series_notice"
            })
    @Operation(
            summary = "Move to another time",
            description =
                    "For requested and scheduled appointments; the reason is required and kept in the audit" + " log.")
    @PostMapping("/{id}/reschedule")
    AppointmentView reschedule(
            @PathVariable UUID id,
            @Parameter(description = SCOPE + " Other occurrences move to the same time of day, on their own day.")
                    @RequestParam(required = false)
                    String scope,
            @RequestBody RescheduleAppointment request) {
        SeriesService.Scope reach = SeriesService.Scope.of(scope);
        if (reach == SeriesService.Scope.THIS) {
            return appointments.reschedule(id, request);
        }
        SeriesService.refuseNotice(request.notifyGuest());
        return series.change(id, reach, SeriesChange.of(request));
    }

    @Refusal(
            status = 409,
            codes = {"stale_version", "invalid_transition", "appointment_overlap"})
    @Refusal(
            status = 422,
            codes = {"guest_without_email", "mail_off"})
    @Operation(
            summary = "Book a requested appointment at its time (requested → scheduled)",
            description = "notify_guest: true mails the guest the confirmation with an invitation.")
    @PostMapping("/{id}/schedule")
    AppointmentView schedule(@PathVariable UUID id, @RequestBody(required = false) StatusAction action) {
        return appointments.schedule(id, action);
    }

    @Refusal(
            status = 409,
            codes = {"stale_version", "invalid_transition", "check_in_too_early"})
    @Operation(summary = "Check the guest in on arrival (scheduled → arrived)")
    @PostMapping("/{id}/check-in")
    AppointmentView checkIn(@PathVariable UUID id, @RequestBody(required = false) StatusAction action) {
        return appointments.checkIn(id, action);
    }

    @Refusal(
            status = 409,
            codes = {"stale_version", "invalid_transition", "appointment_not_started"})
    @Operation(summary = "Mark completed (scheduled or arrived → completed)")
    @PostMapping("/{id}/complete")
    AppointmentView complete(@PathVariable UUID id, @RequestBody(required = false) StatusAction action) {
        return appointments.complete(id, action);
    }

    @Refusal(
            status = 409,
            codes = {"stale_version", "invalid_transition", "appointment_not_started"})
    @Operation(summary = "Mark that the guest did not come (scheduled → no_show)")
    @PostMapping("/{id}/no-show")
    AppointmentView noShow(@PathVariable UUID id, @RequestBody(required = false) StatusAction action) {
        return appointments.noShow(id, action);
    }

    @Refusal(
            status = 400,
            codes = {"reason_required", "invalid_scope"})
    @Refusal(
            status = 409,
            codes = {"stale_version", "invalid_transition", "not_in_series", "series_cancelled"})
    @Refusal(
            status = 422,
            codes = {"guest_without_email", "mail_off", "series_notice"})
    @Operation(
            summary = "Cancel",
            description = "The reason is required (400 reason_required without it); completed, cancelled and"
                    + " no_show appointments stay as they are (409 invalid_transition). notify_guest: true mails the"
                    + " guest the cancellation (METHOD:CANCEL).")
    @PostMapping("/{id}/cancel")
    AppointmentView cancel(
            @PathVariable UUID id,
            @Parameter(description = SCOPE + " Cancelling all, or from the first on, ends the series.")
                    @RequestParam(required = false)
                    String scope,
            @RequestBody(required = false) StatusAction action) {
        SeriesService.Scope reach = SeriesService.Scope.of(scope);
        StatusAction given = action == null ? StatusAction.none() : action;
        if (reach == SeriesService.Scope.THIS) {
            return appointments.cancel(id, given);
        }
        SeriesService.refuseNotice(given.notifyGuest());
        return series.cancel(id, reach, given);
    }

    private static Set<AppointmentStatus> statuses(List<String> codes) {
        if (codes == null) {
            return Set.of();
        }
        Set<AppointmentStatus> statuses = EnumSet.noneOf(AppointmentStatus.class);
        for (String entry : codes) {
            for (String code : entry.split(",")) {
                if (!code.isBlank()) {
                    statuses.add(AppointmentStatus.fromCode(code.strip())
                            .orElseThrow(() -> AppointmentException.unknownStatus(code)));
                }
            }
        }
        return statuses;
    }

    private EditAppointment readEdit(JsonNode body) {
        return PatchBody.read(
                json,
                body,
                EditAppointment.class,
                EDITABLE,
                Set.of("guest_id", "subject"),
                Set.of("starts_at", "ends_at", "status"),
                AppointmentFields.LABELS);
    }
}
