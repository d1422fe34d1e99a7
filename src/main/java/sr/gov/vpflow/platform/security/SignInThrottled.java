package sr.gov.vpflow.platform.security;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before its password was looked at: its address failed too often (SignInThrottle). */
final class SignInThrottled extends AuthenticationException {

    private final long retryAfterSeconds;

    SignInThrottled(long retryAfterSeconds) {
        super("too many failed sign-ins from this address");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
