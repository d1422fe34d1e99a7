package sr.gov.vpflow.platform.security;

import org.springframework.security.core.AuthenticationException;
import sr.gov.vpflow.platform.AccessToken;

/**
 * The password was right and the account needs its second factor: the session's token waits
 * (it proves nobody yet) and the sign-in goes on at /login/second-factor.
 */
final class SecondFactorRequired extends AuthenticationException {

    private final transient AccessToken waiting;

    SecondFactorRequired(AccessToken waiting) {
        super("second factor required");
        this.waiting = waiting;
    }

    AccessToken waiting() {
        return waiting;
    }
}
