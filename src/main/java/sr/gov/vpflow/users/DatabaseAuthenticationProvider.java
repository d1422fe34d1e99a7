package sr.gov.vpflow.users;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.VpFlowProperties;
import sr.gov.vpflow.platform.security.CurrentUser;
import sr.gov.vpflow.users.UserRepository.LoginAccount;

/**
 * Checks a username and password against the database, as the login role. Every refusal is
 * audited and committed even though the login fails; the caller learns only that it failed,
 * never whether the account exists, is disabled or is throttled.
 */
@Component
class DatabaseAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(DatabaseAuthenticationProvider.class);

    private final UserRepository users;
    private final AuditLog audit;
    private final PasswordEncoder encoder;
    private final TransactionTemplate tx;
    private final VpFlowProperties.Login limits;
    private final String unknownUserHash;

    DatabaseAuthenticationProvider(
            UserRepository users,
            AuditLog audit,
            PasswordEncoder encoder,
            TransactionTemplate tx,
            VpFlowProperties properties) {
        this.users = users;
        this.audit = audit;
        this.encoder = encoder;
        this.tx = tx;
        this.limits = properties.login();
        // checked against when the user is unknown, so that a miss costs as long as a hit
        this.unknownUserHash = encoder.encode("unknown-user-timing-equaliser");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username =
                authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null
                ? ""
                : authentication.getCredentials().toString();
        CurrentUser user = ActorContext.callAs(Actor.loginCheck(), () -> tx.execute(s -> check(username, password)));
        if (user == null) {
            throw new BadCredentialsException("Bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                user,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    }

    private CurrentUser check(String username, String password) {
        LoginAccount account = users.findForLogin(username).orElse(null);
        if (account == null) {
            encoder.matches(password, unknownUserHash);
            refuse(null, username, "unknown_user");
            return null;
        }
        boolean matches = encoder.matches(password, account.passwordHash());
        if (!account.active()) {
            refuse(account, username, "disabled");
            return null;
        }
        if (account.locked()) {
            refuse(account, username, "throttled");
            return null;
        }
        if (!matches) {
            users.recordFailure(account.id(), limits.maxFailures(), limits.firstLockSeconds(), limits.maxLockSeconds());
            refuse(account, username, "wrong_password");
            return null;
        }
        users.recordSuccess(account.id());
        return new CurrentUser(account.id(), account.username(), account.displayName(), account.role());
    }

    private void refuse(LoginAccount account, String attempted, String reason) {
        audit.record(new AuditEvent(
                "login_failed",
                "user",
                account == null ? null : account.id(),
                Map.of(
                        "username",
                        attempted.length() > 64 ? attempted.substring(0, 64) : attempted,
                        "reason",
                        reason)));
        log.info("login refused for {} ({})", account == null ? "an unknown user" : "user " + account.id(), reason);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
