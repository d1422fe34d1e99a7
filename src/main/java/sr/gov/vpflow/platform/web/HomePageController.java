package sr.gov.vpflow.platform.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import sr.gov.vpflow.platform.security.CurrentUser;

/** The login page and the home page. */
@PageController
class HomePageController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("user", user);
        return "home";
    }
}
