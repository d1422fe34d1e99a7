package sr.gov.vpflow.mail;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import sr.gov.vpflow.platform.web.ApiController;

@ApiController("/api/v1/me/mail")
class MailPreferencesApiController {

    private final MailPreferencesService preferences;

    MailPreferencesApiController(MailPreferencesService preferences) {
        this.preferences = preferences;
    }

    @Operation(
            summary = "One's mail preferences",
            description = "address (none: no mail), daily_digest (the Vice President's 07:00 digest), due_reminders"
                    + " (a secretary's daily reminder of due and overdue cases), language (nl or en).")
    @GetMapping
    MailPreferences own() {
        return preferences.own();
    }

    @Operation(
            summary = "Change one's mail preferences",
            description = "A member left out keeps its value; an empty address stops all mail to oneself.")
    @ApiResponse(responseCode = "200", description = "Changed", useReturnTypeSchema = true)
    @PutMapping
    MailPreferences change(@RequestBody MailPreferencesChange change) {
        return preferences.change(change);
    }
}
