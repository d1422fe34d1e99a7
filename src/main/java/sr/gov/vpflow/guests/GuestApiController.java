package sr.gov.vpflow.guests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
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

@Tag(name = "Guests", description = "The people who come to see the Vice President (vp and secretary)")
@ApiController("/api/v1/guests")
class GuestApiController {

    private static final Set<String> EDITABLE =
            Set.of("full_name", "honorific", "organisation", "position", "email", "phone", "notes", "version");

    private final GuestService guests;
    private final JsonMapper json;

    GuestApiController(GuestService guests, JsonMapper json) {
        this.guests = guests;
        this.json = json;
    }

    @ApiResponse(responseCode = "201", description = "Registered; Location names the guest", useReturnTypeSchema = true)
    @Operation(summary = "Register a guest")
    @PostMapping
    ResponseEntity<GuestView> create(@RequestBody NewGuest request) {
        GuestView created = guests.create(request);
        return ResponseEntity.created(URI.create("/api/v1/guests/" + created.id()))
                .body(created);
    }

    @Refusal(
            status = 400,
            codes = {"invalid_cursor", "invalid_limit"})
    @Operation(
            summary = "Find guests",
            description = "By words in the name or organisation, without regard to accents or case;"
                    + " archived guests only with include_archived=true.")
    @GetMapping
    Page<GuestView> list(
            @RequestParam(required = false) String q,
            @RequestParam(name = "include_archived", defaultValue = "false") boolean includeArchived,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return guests.search(q, includeArchived, cursor, Page.limit(limit));
    }

    @Operation(summary = "Read a guest")
    @GetMapping("/{id}")
    GuestView get(@PathVariable UUID id) {
        return guests.get(id);
    }

    @Refusal(status = 400, codes = "version_required")
    @Refusal(
            status = 409,
            codes = {"stale_version", "guest_archived"})
    @Operation(
            summary = "Edit a guest",
            description = "Send the version you read; a member left out keeps its value, null clears it."
                    + " A stale version is refused with 409 stale_version.")
    @PatchMapping("/{id}")
    GuestView edit(
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = GuestEdit.class)))
                    @RequestBody
                    JsonNode body) {
        return guests.update(id, readEdit(body));
    }

    @Refusal(
            status = 409,
            codes = {"stale_version", "guest_archived"})
    @Operation(
            summary = "Archive a guest",
            description = "Guests are never deleted; an archived guest cannot be booked.")
    @PostMapping("/{id}/archive")
    GuestView archive(@PathVariable UUID id, @RequestBody(required = false) ArchiveRequest request) {
        ArchiveRequest r = request == null ? new ArchiveRequest(null, null) : request;
        return guests.archive(id, r.version(), r.reason());
    }

    private GuestEdit readEdit(JsonNode body) {
        return PatchBody.read(
                json, body, GuestEdit.class, EDITABLE, Set.of("full_name"), Set.of("archived_at"), GuestFields.LABELS);
    }

    record ArchiveRequest(Integer version, String reason) {}
}
