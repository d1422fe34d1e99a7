package sr.gov.vpflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import sr.gov.vpflow.platform.AccessToken;

/**
 * CSRF tokens without a server-side session. A signed-in browser's token is derived from its
 * session token (a SHA-256 under a label of its own), so only the holder of the session cookie
 * can know it and every instance computes the same one; before sign-in (the sign-in form) it is
 * a random value kept in an HttpOnly cookie and repeated in the form (double submit). Spring
 * Security masks it anew in every page (BREACH).
 */
final class SessionBoundCsrfTokens implements CsrfTokenRepository {

    static final String ANONYMOUS_COOKIE = "VPFLOW_CSRF";
    private static final String HEADER = "X-CSRF-TOKEN";
    private static final String PARAMETER = "_csrf";

    @Override
    public CsrfToken generateToken(HttpServletRequest request) {
        return SessionCookie.read(request)
                .map(SessionBoundCsrfTokens::derived)
                .orElseGet(() -> token(UUID.randomUUID().toString()));
    }

    @Override
    public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
        Optional<String> anonymous = SessionCookie.value(request, ANONYMOUS_COOKIE);
        if (token == null) {
            if (anonymous.isPresent()) {
                SessionCookie.set(request, response, ANONYMOUS_COOKIE, "", 0, "Strict");
            }
            return;
        }
        boolean bound = SessionCookie.read(request)
                .map(session -> derived(session).getToken().equals(token.getToken()))
                .orElse(false);
        if (!bound && !anonymous.equals(Optional.of(token.getToken()))) {
            SessionCookie.set(request, response, ANONYMOUS_COOKIE, token.getToken(), -1, "Strict");
        }
    }

    @Override
    public CsrfToken loadToken(HttpServletRequest request) {
        return SessionCookie.read(request)
                .map(SessionBoundCsrfTokens::derived)
                .or(() -> SessionCookie.value(request, ANONYMOUS_COOKIE).map(SessionBoundCsrfTokens::token))
                .orElse(null);
    }

    private static CsrfToken derived(AccessToken session) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("vpflow-csrf\u0000" + session.value()).getBytes(StandardCharsets.UTF_8));
            return token(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static CsrfToken token(String value) {
        return new DefaultCsrfToken(HEADER, PARAMETER, value);
    }
}
