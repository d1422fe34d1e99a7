package sr.gov.vpflow.users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

/**
 * An activation link through the API, before anyone signs in (the page /activate/{token} does
 * the same for people): whose it is, and choosing the password with it, once.
 */
@SecurityRequirements
@ApiController("/api/v1/activations")
class ActivationApiController {

    private final Activations activations;

    ActivationApiController(Activations activations) {
        this.activations = activations;
    }

    @Operation(
            summary = "Whose activation link this is",
            description = "Before sign-in, for the person holding the link.")
    @Refusal(status = 404, codes = "link_unknown")
    @Refusal(status = 409, codes = "awaiting_approval")
    @Refusal(
            status = 410,
            codes = {"link_used", "link_expired"})
    @GetMapping("/{token}")
    ActivationRepository.LinkState state(@PathVariable String token) {
        ActivationRepository.LinkState link = activations.state(token);
        refuseUnless(link.state(), "valid");
        return link;
    }

    /** 204 when the password is set; 404 for no link, 410 for a used or expired one, 409 while it waits. */
    @Operation(summary = "Choose the password with an activation link, once")
    @ApiResponse(responseCode = "204", description = "The password is set; sign in with it")
    @Refusal(
            status = 400,
            codes = {"weak_password", "password_mismatch"})
    @Refusal(status = 404, codes = "link_unknown")
    @Refusal(status = 409, codes = "awaiting_approval")
    @Refusal(
            status = 410,
            codes = {"link_used", "link_expired"})
    @PostMapping("/{token}")
    ResponseEntity<Void> activate(@PathVariable String token, @RequestBody Choice choice) {
        String outcome = activations.activate(token, choice.password(), choice.password());
        refuseUnless(outcome, "activated");
        return ResponseEntity.noContent().build();
    }

    private static void refuseUnless(String state, String wanted) {
        if (state.equals(wanted)) {
            return;
        }
        throw UserException.link(state);
    }

    record Choice(String password) {}
}
