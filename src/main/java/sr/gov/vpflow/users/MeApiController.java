package sr.gov.vpflow.users;

import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.ApiController;

@ApiController("/api/v1/me")
class MeApiController {

    @GetMapping
    Me me(@AuthenticationPrincipal CurrentUser user) {
        return new Me(
                user.id(), user.username(), user.displayName(), user.role().code());
    }

    record Me(UUID id, String username, String displayName, String role) {}
}
