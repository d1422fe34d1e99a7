package sr.gov.vpflow.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/**
 * A request's path as the log may show it: the secrets some addresses carry (an activation
 * link, a calendar feed) replaced by {@code ***}, so that whoever reads the log cannot use them.
 */
public final class LoggedPaths {

    private static final Pattern SECRET = Pattern.compile("^(/activate/|/api/v1/activations/|/api/v1/feeds/)[^/]+");

    private LoggedPaths() {}

    public static String of(HttpServletRequest request) {
        return of(request.getRequestURI());
    }

    static String of(String path) {
        return path == null ? null : SECRET.matcher(path).replaceFirst("$1***");
    }
}
