package sr.gov.vpflow.users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

@ApiController("/api/v1/me")
class MeApiController {

    private final Activations own;

    MeApiController(Activations own) {
        this.own = own;
    }

    /** Changes one's own password with the current one; every session and token ends with it. */
    @Operation(
            summary = "Change one's own password",
            description = "With the current password; every session and token ends with it.")
    @ApiResponse(responseCode = "204", description = "Changed")
    @Refusal(
            status = 400,
            codes = {"current_password_wrong", "weak_password", "password_not_accepted"})
    @PostMapping("/password")
    ResponseEntity<Void> changePassword(@AuthenticationPrincipal CurrentUser user, @RequestBody PasswordChange change) {
        own.changeOwnPassword(user.username(), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }

    /** One's signed-in sessions; {@code current} marks the one asking. */
    @Operation(summary = "One's signed-in sessions", description = "current marks the one asking.")
    @GetMapping("/sessions")
    List<SessionView> sessions() {
        return own.sessions();
    }

    @Operation(summary = "End one of one's sessions")
    @ApiResponse(responseCode = "204", description = "Ended")
    @PostMapping("/sessions/{id}/end")
    ResponseEntity<Void> endSession(@PathVariable UUID id) {
        if (!own.endSession(id)) {
            throw ProblemException.notFound("session");
        }
        return ResponseEntity.noContent().build();
    }

    /** One's last 20 sign-ins, refused ones included. */
    @Operation(summary = "One's last 20 sign-ins, refused ones included")
    @GetMapping("/sign-ins")
    List<SignInView> signIns() {
        return own.signIns();
    }

    record PasswordChange(String currentPassword, String newPassword) {}

    @Operation(summary = "The caller: id, username, display name, role")
    @GetMapping
    Me me(@AuthenticationPrincipal CurrentUser user) {
        return new Me(
                user.id(), user.username(), user.displayName(), user.role().code());
    }

    record Me(
            UUID id,
            String username,
            String displayName,

            @Schema(allowableValues = {"vp", "secretary", "admin"})
            String role) {}
}
