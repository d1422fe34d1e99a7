package sr.gov.vpflow.platform.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.ResponseCookie;
import sr.gov.vpflow.platform.AccessToken;

/**
 * The web session is a cookie that holds a session token of the database: nothing of it is kept
 * on the server, so any instance serves it and an anonymous request stores nothing. HttpOnly and
 * SameSite=Lax; Secure when the request came over HTTPS. The database ends it when idle or old.
 */
final class SessionCookie {

    static final String NAME = "VPFLOW_SESSION";
    private static final int MAX_LENGTH = 100;

    private SessionCookie() {}

    static Optional<AccessToken> read(HttpServletRequest request) {
        return value(request, NAME).map(AccessToken::new);
    }

    static Optional<String> value(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            String value = cookie.getValue();
            if (name.equals(cookie.getName()) && value != null && !value.isEmpty() && value.length() <= MAX_LENGTH) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static void write(HttpServletRequest request, HttpServletResponse response, AccessToken token) {
        set(request, response, NAME, token.value(), -1, "Lax");
    }

    static void clear(HttpServletRequest request, HttpServletResponse response) {
        set(request, response, NAME, "", 0, "Lax");
    }

    static void set(
            HttpServletRequest request,
            HttpServletResponse response,
            String name,
            String value,
            long maxAgeSeconds,
            String sameSite) {
        ResponseCookie cookie = ResponseCookie.from(name, value)
                .path("/")
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite(sameSite)
                .maxAge(maxAgeSeconds)
                .build();
        response.addHeader("Set-Cookie", cookie.toString());
    }
}
