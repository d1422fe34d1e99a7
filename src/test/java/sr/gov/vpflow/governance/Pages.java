package sr.gov.vpflow.governance;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import sr.gov.vpflow.support.Api;

/** Signs in through the login form and reads pages, as a browser would. */
final class Pages {

    private Pages() {}

    static Api signedIn(String base, String username, String password) {
        Api browser = new Api(base);
        String csrf = csrf(browser.get("/login").body());
        Api.Response login =
                browser.postForm("/login", Map.of("username", username, "password", password, "_csrf", csrf));
        if (login.status() != 302 || !login.header("Location").endsWith("/")) {
            throw new AssertionError("sign-in failed: " + login);
        }
        return browser;
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|content=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
