package sr.gov.vpflow.backup;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.ApiController;

/** {@code GET /api/v1/system}: free disk space and the backups, for the administrator only. */
@ApiController("/api/v1/system")
class SystemApiController {

    private final SystemStatus status;

    SystemApiController(SystemStatus status) {
        this.status = status;
    }

    @Operation(summary = "The system at a glance (admin)", description = "Schema version, backups and their state.")
    @GetMapping
    SystemStatus.View get(@AuthenticationPrincipal CurrentUser user) {
        requireAdministrator(user);
        return status.now();
    }

    static void requireAdministrator(CurrentUser user) {
        if (user == null || user.role() != Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "Only the administrator sees the state of the system.");
        }
    }
}
