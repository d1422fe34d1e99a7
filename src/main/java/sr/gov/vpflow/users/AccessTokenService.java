package sr.gov.vpflow.users;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.platform.FieldErrors;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.TokenKind;
import sr.gov.vpflow.platform.security.TokenAuthentication;

/**
 * A user's own personal access tokens and the private address of their calendar feed. New ones
 * are made only by someone who proved the password (a signed-in session, a Basic request), so a
 * stolen token cannot make its own successor; the database holds the same rule.
 */
@Service
public class AccessTokenService {

    private static final Logger log = LoggerFactory.getLogger(AccessTokenService.class);
    static final int MAX_NAME = 100;

    private final AccessTokenRepository tokens;
    private final Clock clock;

    AccessTokenService(AccessTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Transactional
    public NewAccessToken create(String name, OffsetDateTime expiresAt) {
        requirePassword();
        FieldErrors errors = new FieldErrors("account.tokens.");
        String trimmed = errors.requiredText("name", name, MAX_NAME);
        if (expiresAt != null && !expiresAt.toInstant().isAfter(clock.instant())) {
            errors.add("expires_at", "invalid_value");
        }
        errors.throwIfAny();
        NewAccessToken made = tokens.create(trimmed, expiresAt);
        log.info("personal access token {} made", made.id());
        return made;
    }

    @Transactional(readOnly = true)
    public List<AccessTokenView> list() {
        return tokens.list();
    }

    @Transactional
    public void revoke(UUID id) {
        if (!tokens.revoke(id)) {
            throw ProblemException.notFound("That token");
        }
        log.info("personal access token {} revoked", id);
    }

    /** A new private calendar address; the old one stops working at once. */
    @Transactional
    public String rotateFeed() {
        requirePassword();
        String token = tokens.rotateFeed();
        log.info("private calendar address renewed");
        return token;
    }

    @Transactional(readOnly = true)
    public FeedView feed() {
        return tokens.feed().orElseGet(FeedView::none);
    }

    private static void requirePassword() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof TokenAuthentication signedIn
                && signedIn.kind() != TokenKind.SESSION
                && signedIn.kind() != TokenKind.BASIC) {
            throw new TokenException(
                    HttpStatus.FORBIDDEN,
                    "password_required",
                    "New tokens are made by a signed-in user or with the password, not with another token.");
        }
    }

    /** A refusal of the token functions. */
    static final class TokenException extends ProblemException {
        TokenException(HttpStatus status, String code, String detail) {
            super(status, code, detail);
        }
    }
}
