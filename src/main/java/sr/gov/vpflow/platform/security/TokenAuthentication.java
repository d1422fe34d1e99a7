package sr.gov.vpflow.platform.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import sr.gov.vpflow.platform.AccessToken;
import sr.gov.vpflow.platform.TokenKind;

/**
 * A request's proof: the token the database issued and the user it proved when the request
 * began. The token goes to the database again in every transaction (ActorContext); the role here
 * only turns away early what the role may never reach. A feed token has the one authority
 * {@code ROLE_FEED}, whatever its user's role.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;
    private final AccessToken token;
    private final TokenKind kind;

    public TokenAuthentication(CurrentUser user, AccessToken token, TokenKind kind) {
        super(List.of(new SimpleGrantedAuthority(
                "ROLE_" + (kind == TokenKind.FEED ? "FEED" : user.role().name()))));
        this.user = user;
        this.token = token;
        this.kind = kind;
        setAuthenticated(true);
    }

    public CurrentUser user() {
        return user;
    }

    public AccessToken token() {
        return token;
    }

    public TokenKind kind() {
        return kind;
    }

    @Override
    public Object getPrincipal() {
        return user;
    }

    /** The token is no password that could be erased: it is the proof every transaction presents. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public void eraseCredentials() {
        // nothing to erase: the password was never kept
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenAuthentication that && that.token.equals(token) && super.equals(other);
    }

    @Override
    public int hashCode() {
        return token.hashCode();
    }
}
