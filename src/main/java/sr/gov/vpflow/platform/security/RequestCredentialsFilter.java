package sr.gov.vpflow.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import sr.gov.vpflow.platform.AccessToken;
import sr.gov.vpflow.platform.TokenKind;
import sr.gov.vpflow.platform.db.Identities;

/**
 * Credentials that an API request names itself, each checked by the database:
 * <ul>
 *   <li>{@code Authorization: Bearer <token>}: a personal access token (or a session's token);</li>
 *   <li>{@code Authorization: Basic ...}: a password, checked (slowly, by design) for this request
 *       alone; the token the database issues for it ends with the request;</li>
 *   <li>the private address of a calendar feed, {@code /api/v1/feeds/<token>/agenda.ics}.</li>
 * </ul>
 * An {@code Authorization} header that does not authenticate is answered 401 at once: never a
 * fall-back to the session cookie, which is read only when no such header is sent.
 */
final class RequestCredentialsFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestCredentialsFilter.class);

    static final Pattern FEED = Pattern.compile("^/api/v1/feeds/([A-Za-z0-9_-]{20,100})/agenda\\.ics$");

    private final Identities identities;
    private final ProblemResponses refusal;
    private final SignInThrottle throttle;

    RequestCredentialsFilter(Identities identities, ProblemResponses refusal, SignInThrottle throttle) {
        this.identities = identities;
        this.refusal = refusal;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Matcher feed = FEED.matcher(request.getRequestURI());
        if (header == null && feed.matches()) {
            Optional<TokenAuthentication> feedToken =
                    recognise(new AccessToken(feed.group(1)), EnumSet.of(TokenKind.FEED));
            if (feedToken.isEmpty()) {
                refuse(request, response, "This calendar address is not valid (any more).");
                return;
            }
            proceedAs(feedToken.get(), request, response, chain);
            return;
        }
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        String scheme = header.contains(" ") ? header.substring(0, header.indexOf(' ')) : header;
        String value = header.substring(scheme.length()).strip();
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "bearer" -> {
                Optional<TokenAuthentication> bearer = value.isEmpty() || value.length() > 200
                        ? Optional.empty()
                        : recognise(new AccessToken(value), EnumSet.of(TokenKind.API, TokenKind.SESSION));
                if (bearer.isEmpty()) {
                    refuse(request, response, "The token is not valid (any more).");
                    return;
                }
                proceedAs(bearer.get(), request, response, chain);
            }
            case "basic" -> basic(value, request, response, chain);
            default -> refuse(request, response, "Send a Bearer token or HTTP Basic credentials.");
        }
    }

    private void basic(String encoded, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            refuse(request, response, "The Basic credentials are not valid base64.");
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            refuse(request, response, "The Basic credentials have no password.");
            return;
        }
        String username = decoded.substring(0, colon);
        String source = SignInThrottle.source(request.getRemoteAddr());
        SignInThrottle.Decision decision = throttle.attempt(source, username);
        if (!decision.allowed()) {
            refusal.throttled(request, response, decision.retryAfterSeconds());
            return;
        }
        Optional<Identities.SignedIn> signedIn =
                identities.signIn(username, decoded.substring(colon + 1), TokenKind.BASIC, "api", source);
        if (signedIn.isEmpty()) {
            log.info("a request's password was refused (the audit log says why)");
            refuse(request, response, "Sign in with a valid username and password.");
            return;
        }
        throttle.succeeded(decision);
        AccessToken token = signedIn.get().token();
        try {
            proceedAs(
                    new TokenAuthentication(CurrentUser.of(signedIn.get().identity()), token, TokenKind.BASIC),
                    request,
                    response,
                    chain);
        } finally {
            endQuietly(token);
        }
    }

    /**
     * Ends a single request's token after the answer was written. When the database went away
     * meanwhile the answer (a 503) stands and the token expires on its own within minutes; a
     * failure here must not turn a written answer into a broken connection.
     */
    private void endQuietly(AccessToken token) {
        try {
            identities.end(token);
        } catch (DataAccessException e) {
            log.warn("a request's single-use token was not ended (it expires on its own): {}", e.getMessage());
        }
    }

    private Optional<TokenAuthentication> recognise(AccessToken token, Set<TokenKind> kinds) {
        return identities
                .authenticate(token)
                .filter(identity -> kinds.contains(identity.kind()))
                .map(identity -> new TokenAuthentication(CurrentUser.of(identity), token, identity.kind()));
    }

    private static void proceedAs(
            TokenAuthentication authentication,
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain)
            throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException, ServletException {
        SecurityContextHolder.clearContext();
        refusal.commence(request, response, new BadCredentialsException(why));
    }
}
