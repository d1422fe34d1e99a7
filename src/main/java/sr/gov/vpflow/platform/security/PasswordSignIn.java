package sr.gov.vpflow.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import sr.gov.vpflow.platform.TokenKind;
import sr.gov.vpflow.platform.db.Identities;

/**
 * The sign-in form: the database checks the password against its hash, audits the attempt and,
 * when it succeeds, issues the session's token. The caller learns only that it failed, never
 * whether the account exists, is disabled or is locked.
 */
final class PasswordSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(PasswordSignIn.class);

    private final Identities identities;
    private final SignInThrottle throttle;

    PasswordSignIn(Identities identities, SignInThrottle throttle) {
        this.identities = identities;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName() == null ? "" : attempt.getName().strip();
        String password =
                attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        String source = SignInThrottle.source(
                attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null);
        SignInThrottle.Decision decision = throttle.attempt(source, username);
        if (!decision.allowed()) {
            throw new SignInThrottled(decision.retryAfterSeconds());
        }
        Identities.SignedIn signedIn = identities
                .signIn(username, password, TokenKind.SESSION, "web", source)
                .orElse(null);
        if (signedIn == null) {
            log.info("a sign-in was refused (the audit log says why)");
            throw new BadCredentialsException("Bad credentials");
        }
        throttle.succeeded(decision);
        if (!identities.secondFactorState(signedIn.token()).state().equals("none")) {
            log.info(
                    "user {} gave the right password; the second factor is next",
                    signedIn.identity().userId());
            throw new SecondFactorRequired(signedIn.token());
        }
        log.info("user {} signed in", signedIn.identity().userId());
        return new TokenAuthentication(CurrentUser.of(signedIn.identity()), signedIn.token(), TokenKind.SESSION);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
