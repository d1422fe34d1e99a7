package sr.gov.vpflow.backup;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.platform.web.PageController;

/** The administrator's page of the system's safety: free disk space and the backups. */
@PageController
class SystemPageController {

    private final SystemStatus status;

    SystemPageController(SystemStatus status) {
        this.status = status;
    }

    @GetMapping("/system")
    String page(@AuthenticationPrincipal CurrentUser user, Model model) {
        SystemApiController.requireAdministrator(user);
        model.addAttribute("system", status.now());
        return "backup/system";
    }
}
