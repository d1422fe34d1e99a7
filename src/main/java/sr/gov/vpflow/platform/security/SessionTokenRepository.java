package sr.gov.vpflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import sr.gov.vpflow.platform.AccessToken;
import sr.gov.vpflow.platform.TokenKind;
import sr.gov.vpflow.platform.db.Identities;

/**
 * Where Spring Security finds the signed-in user of a web request: the session cookie's token,
 * recognised by the database (only when the request needs to know, and only when it carries no
 * {@code Authorization} header: a request that names its credentials is judged by them alone).
 * After a sign-in it writes the new session's cookie; nothing is kept on the server.
 */
final class SessionTokenRepository implements SecurityContextRepository {

    private final Identities identities;

    SessionTokenRepository(Identities identities) {
        this.identities = identities;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new DeferredSecurityContext() {
            private SecurityContext context;

            @Override
            public SecurityContext get() {
                if (context == null) {
                    context = load(request);
                }
                return context;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    private SecurityContext load(HttpServletRequest request) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return context;
        }
        SessionCookie.read(request).flatMap(this::session).ifPresent(context::setAuthentication);
        return context;
    }

    private Optional<TokenAuthentication> session(AccessToken token) {
        return identities
                .authenticate(token)
                .filter(identity -> identity.kind() == TokenKind.SESSION)
                .map(identity -> new TokenAuthentication(CurrentUser.of(identity), token, TokenKind.SESSION));
    }

    /** @deprecated Spring Security asks for {@link #loadDeferredContext} instead. */
    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        if (context.getAuthentication() instanceof TokenAuthentication signedIn
                && signedIn.kind() == TokenKind.SESSION
                && !SessionCookie.read(request).equals(Optional.of(signedIn.token()))) {
            SessionCookie.write(request, response, signedIn.token());
        }
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return SessionCookie.read(request).isPresent();
    }
}
