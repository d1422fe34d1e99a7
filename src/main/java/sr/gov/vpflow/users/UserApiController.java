package sr.gov.vpflow.users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

@ApiController("/api/v1/users")
class UserApiController {

    private final UserService users;
    private final String publicUrl;

    UserApiController(UserService users, VpFlowProperties properties) {
        this.users = users;
        this.publicUrl = properties.publicAddress();
    }

    /**
     * 201 with the account and its activation link (shown once: the person chooses their own
     * password on it); for a vp account (other than the operator's first) 202 with the request
     * for its activation too: the account exists, disabled, until a Vice President approves.
     */
    @Operation(
            summary = "Create an account (admin)",
            description =
                    "No password: the answer carries an activation link, shown once. A vp account waits for another Vice President: 202 with the request.")
    @ApiResponse(responseCode = "201", description = "The account and its activation link", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "202",
            description = "A vp account: created disabled, with the request a Vice President decides",
            useReturnTypeSchema = true)
    @Refusal(
            status = 400,
            codes = {"invalid_username", "invalid_display_name", "unknown_role", "password_not_accepted"})
    @Refusal(status = 409, codes = "username_taken")
    @PostMapping
    ResponseEntity<AccountInvitation> create(@RequestBody NewUser request) {
        AccountInvitation created = users.invite(request, baseUrl());
        if (created.requested()) {
            return ResponseEntity.accepted()
                    .location(URI.create(
                            "/api/v1/account-requests/" + created.request().id()))
                    .header("Cache-Control", "no-store")
                    .body(created);
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/users/" + created.user().id()))
                .header("Cache-Control", "no-store")
                .body(created);
    }

    /**
     * A new activation link for an account whose owner lost the password (200); for a Vice
     * President's 202 with the request: the link works once another Vice President approves.
     */
    @Operation(summary = "A new activation link for a lost password (admin)")
    @ApiResponse(responseCode = "200", description = "The new link, shown once", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "202",
            description = "For a Vice President: the request another Vice President decides",
            useReturnTypeSchema = true)
    @Refusal(
            status = 409,
            codes = {"already_disabled", "request_pending"})
    @PostMapping("/{id}/reset")
    ResponseEntity<AccountInvitation> reset(@PathVariable UUID id) {
        AccountInvitation reset = users.reset(id, baseUrl());
        return (reset.requested() ? ResponseEntity.accepted() : ResponseEntity.ok())
                .header("Cache-Control", "no-store")
                .body(reset);
    }

    /** 200 with the account, or 202 with the request for a Vice President's. */
    @Operation(
            summary = "Reset a lost second factor (admin)",
            description =
                    "The account sets one up again at its next sign-in; for a Vice President 202 with the request.")
    @ApiResponse(responseCode = "200", description = "The account", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "202",
            description = "The request another Vice President decides",
            useReturnTypeSchema = true)
    @Refusal(status = 409, codes = "request_pending")
    @PostMapping("/{id}/second-factor/reset")
    ResponseEntity<?> resetSecondFactor(@PathVariable UUID id) {
        return answer(users.resetSecondFactor(id));
    }

    private String baseUrl() {
        return baseUrl(publicUrl);
    }

    /** VPFLOW_PUBLIC_URL when set, else the address this request came to: where an activation link points. */
    static String baseUrl(String publicUrl) {
        return publicUrl.isBlank()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
                : publicUrl.replaceAll("/+$", "");
    }

    @Operation(summary = "List accounts (admin)")
    @Refusal(
            status = 400,
            codes = {"invalid_cursor", "invalid_limit"})
    @GetMapping
    Page<UserView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return users.list(cursor, Page.limit(limit));
    }

    @Operation(summary = "Read an account (admin)")
    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return users.find(id).orElseThrow(UserException::notFound);
    }

    @Operation(summary = "Disable an account (admin)", description = "Its sessions and tokens end at once.")
    @Refusal(
            status = 409,
            codes = {"cannot_disable_self", "already_disabled"})
    @PostMapping("/{id}/disable")
    UserView disable(@PathVariable UUID id) {
        return users.disable(id);
    }

    /** 200 with the account, or 202 with the request when a Vice President must approve. */
    @Operation(summary = "Enable an account again (admin)")
    @ApiResponse(responseCode = "200", description = "The account", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "202",
            description = "The request another Vice President decides",
            useReturnTypeSchema = true)
    @Refusal(
            status = 409,
            codes = {"already_active", "request_pending"})
    @PostMapping("/{id}/enable")
    ResponseEntity<?> enable(@PathVariable UUID id) {
        return answer(users.enable(id));
    }

    /** 200 with the account, or 202 with the request when the change is to or from vp. */
    @Operation(
            summary = "Change an account's role (admin)",
            description = "To or from vp: 202 with the request another Vice President decides.")
    @ApiResponse(responseCode = "200", description = "The account", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "202",
            description = "The request another Vice President decides",
            useReturnTypeSchema = true)
    @Refusal(status = 400, codes = "unknown_role")
    @Refusal(
            status = 409,
            codes = {"cannot_change_own_role", "request_pending"})
    @PostMapping("/{id}/role")
    ResponseEntity<?> changeRole(@PathVariable UUID id, @RequestBody RoleChange request) {
        return answer(users.changeRole(id, request.role()));
    }

    private static ResponseEntity<?> answer(AccountChange change) {
        return change.requested() ? accepted(change.request()) : ResponseEntity.ok(change.user());
    }

    private static ResponseEntity<AccountRequestView> accepted(AccountRequestView request) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/account-requests/" + request.id()))
                .body(request);
    }

    record RoleChange(String role) {}
}
