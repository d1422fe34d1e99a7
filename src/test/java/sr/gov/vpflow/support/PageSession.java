package sr.gov.vpflow.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's view of the pages without a browser: signs in through the login form (with its
 * CSRF token) and keeps the session cookie, for page tests over plain HTTP.
 */
public final class PageSession {

    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final Api http;
    private String csrf;

    private PageSession(Api http) {
        this.http = http;
    }

    public static PageSession signIn(String base, TestAccounts.Account account) {
        PageSession session = new PageSession(new Api(base));
        String token = token(session.http.get("/login").body());
        Api.Response login = session.http.postForm(
                "/login", Map.of("username", account.username(), "password", account.password(), "_csrf", token));
        assertThat(login.status()).as("sign-in of %s", account.username()).isEqualTo(302);
        // the token changes with the sign-in
        session.csrf = token(session.http.get("/").body());
        return session;
    }

    /** A browser that has signed in as nobody, on a page that carries a form (its CSRF token). */
    public static PageSession anonymous(String base, String page) {
        PageSession session = new PageSession(new Api(base));
        session.csrf = token(session.http.get(page).body());
        return session;
    }

    public Api.Response get(String path) {
        return http.get(path);
    }

    /** A GET whose answer is kept as bytes, such as a PDF. */
    public java.net.http.HttpResponse<byte[]> bytes(String path) {
        return http.bytes(path);
    }

    /** A GET as htmx sends it, which may answer with only the part of the page it replaces. */
    public Api.Response htmx(String path) {
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("HX-Request", "true")
                .GET());
    }

    /** Any request, with the session's cookie (such as a multipart upload). */
    public Api.Response send(HttpRequest.Builder request) {
        return http.send(request);
    }

    /** Posts a form with the session's CSRF token, as the page's form would. */
    public Api.Response post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrf);
        return http.postForm(path, withToken);
    }

    /** Posts a form as htmx sends it (with its CSRF token), which may answer with only the part it replaces. */
    public Api.Response htmxPost(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrf);
        return http.send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("HX-Request", "true")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Api.form(withToken))));
    }

    private static String token(String page) {
        Matcher input = CSRF_INPUT.matcher(page);
        if (input.find()) {
            return input.group(1);
        }
        Matcher meta = CSRF_META.matcher(page);
        assertThat(meta.find()).as("a CSRF token on the page").isTrue();
        return meta.group(1);
    }
}
