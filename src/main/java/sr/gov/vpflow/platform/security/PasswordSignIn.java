package sr.gov.vpflow.platform.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import sr.gov.vpflow.platform.TokenKind;
import sr.gov.vpflow.platform.db.Identities;

/**
 * The sign-in form: the database checks the password against its hash, audits the attempt and,
 * when it succeeds, issues the session's token. The caller learns only that it failed, never
 * whether the account exists, is disabled or is locked.
 */
final class PasswordSignIn implements AuthenticationProvider {

    private final Identities identities;

    PasswordSignIn(Identities identities) {
        this.identities = identities;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String username = attempt.getName() == null ? "" : attempt.getName().strip();
        String password =
                attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        return identities
                .signIn(username, password, TokenKind.SESSION, "web")
                .map(signedIn -> new TokenAuthentication(
                        CurrentUser.of(signedIn.identity()), signedIn.token(), TokenKind.SESSION))
                .orElseThrow(() -> new BadCredentialsException("Bad credentials"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
