package sr.gov.vpflow.platform.web;

import org.springframework.web.bind.annotation.GetMapping;

/** The login page (the start page is the Today page of module today). */
@PageController
class HomePageController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
