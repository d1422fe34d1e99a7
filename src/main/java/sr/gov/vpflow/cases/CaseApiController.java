package sr.gov.vpflow.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.audit.AuditEntry;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.SchemaFeatures;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

@ApiController("/api/v1/cases")
class CaseApiController {

    private final CaseService cases;
    private final SchemaFeatures features;
    private final DueDates dueDates;

    CaseApiController(CaseService cases, SchemaFeatures features, DueDates dueDates) {
        this.cases = cases;
        this.features = features;
        this.dueDates = dueDates;
    }

    @Operation(
            summary = "Open a case",
            description = "title (required), description, priority, due_date, guest_id, appointment_id; instead of"
                    + " due_date, due_in_working_days (1-1000) and optionally due_from (YYYY-MM-DD, today by default):"
                    + " weekends and holidays are skipped.")
    @ApiResponse(responseCode = "201", description = "Opened; Location names the case", useReturnTypeSchema = true)
    @Refusal(
            status = 404,
            codes = {"guest_not_found", "appointment_not_found"})
    @PostMapping
    ResponseEntity<CaseView> open(@RequestBody Map<String, Object> body) {
        CaseView created = cases.open(CaseInput.opening(dueDates.resolve(body)));
        return ResponseEntity.created(URI.create("/api/v1/cases/" + created.id()))
                .body(created);
    }

    @Operation(
            summary = "Find cases",
            description = "By state, guest, appointment or words in the title; newest first.")
    @Refusal(
            status = 400,
            codes = {"invalid_cursor", "invalid_limit"})
    @GetMapping
    Page<CaseView> list(
            @RequestParam(required = false) String state,
            @RequestParam(name = "guest_id", required = false) UUID guestId,
            @RequestParam(name = "appointment_id", required = false) UUID appointmentId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        CaseState wanted = state == null || state.isBlank()
                ? null
                : CaseState.fromCode(state.strip(), features.isReopening())
                        .orElseThrow(() -> ProblemException.badRequest(
                                        "invalid_parameter", "The value of 'state' is not valid.")
                                .with("parameter", "state"));
        return cases.list(new CaseFilter(wanted, guestId, appointmentId, q), cursor, Page.limit(limit));
    }

    @Operation(summary = "Read a case")
    @GetMapping("/{id}")
    CaseView get(@PathVariable UUID id) {
        return cases.get(id);
    }

    @Operation(
            summary = "Edit a case",
            description =
                    "Send the version you read; a member left out keeps its value, null clears it. Closing is its own action."
                            + " due_in_working_days and due_from set the due date as when opening.")
    @Refusal(
            status = 400,
            codes = {"version_required", "close_with_resolution", "reopen_with_reason"})
    @Refusal(
            status = 404,
            codes = {"guest_not_found", "appointment_not_found"})
    @Refusal(
            status = 409,
            codes = {"stale_version", "case_closed", "invalid_transition"})
    @PatchMapping("/{id}")
    CaseView edit(@PathVariable UUID id, @RequestBody Map<String, Object> body) {
        return cases.edit(id, CaseInput.edit(dueDates.resolve(body), features.isReopening()));
    }

    @Operation(summary = "Close a case with a resolution (the Vice President)")
    @Refusal(
            status = 400,
            codes = {"resolution_required", "version_required"})
    @Refusal(
            status = 409,
            codes = {"stale_version", "case_closed", "invalid_transition"})
    @PostMapping("/{id}/close")
    CaseView close(@PathVariable UUID id, @RequestBody(required = false) Map<String, Object> body) {
        return cases.close(id, CaseInput.closing(body == null ? Map.of() : body));
    }

    /** Re-opens a closed case (v1.1-A); under v1.0 the action does not exist. */
    @Operation(summary = "Re-open a closed case with a reason (the Vice President; v1.1-A)")
    @Refusal(
            status = 400,
            codes = {"reason_required", "version_required"})
    @Refusal(
            status = 409,
            codes = {"stale_version", "invalid_transition"})
    @PostMapping("/{id}/reopen")
    CaseView reopen(@PathVariable UUID id, @RequestBody(required = false) Map<String, Object> body) {
        if (!features.isReopening()) {
            throw CaseException.reopeningNotOffered();
        }
        return cases.reopen(id, CaseInput.reopening(body == null ? Map.of() : body));
    }

    @Operation(
            summary = "Add a note to a case (v1.2)",
            description = "In any state, closed included; the case does not change. vp_only (the Vice President only)"
                    + " hides the note from the secretaries. Notes are never edited or removed.")
    @ApiResponse(
            responseCode = "201",
            description = "Added; Location names the case's notes",
            useReturnTypeSchema = true)
    @PostMapping("/{id}/notes")
    ResponseEntity<CaseNote> addNote(@PathVariable UUID id, @RequestBody NewCaseNote body) {
        CaseNote note = cases.addNote(id, body);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/notes"))
                .body(note);
    }

    @Operation(summary = "The notes of a case, oldest first (v1.2)")
    @GetMapping("/{id}/notes")
    List<CaseNote> notes(@PathVariable UUID id) {
        if (!features.isOfficeDay()) {
            throw CaseException.officeDayNotOffered();
        }
        return cases.notes(id);
    }

    @Operation(summary = "Put a case forward for the Vice President's decision (a secretary; v1.2)")
    @Refusal(status = 409, codes = "case_closed")
    @PostMapping("/{id}/decision")
    CaseView markForDecision(@PathVariable UUID id) {
        return cases.markForDecision(id, true);
    }

    @Operation(summary = "Take the mark for decision off a case (the Vice President; v1.2)")
    @DeleteMapping("/{id}/decision")
    CaseView clearDecisionMark(@PathVariable UUID id) {
        return cases.markForDecision(id, false);
    }

    @Operation(summary = "A case's audit trail, newest first")
    @Refusal(
            status = 400,
            codes = {"invalid_cursor", "invalid_limit"})
    @GetMapping("/{id}/history")
    Page<AuditEntry> history(
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return cases.history(id, cursor, Page.limit(limit));
    }
}
