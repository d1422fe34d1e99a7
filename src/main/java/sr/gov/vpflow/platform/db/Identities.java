package sr.gov.vpflow.platform.db;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.AccessToken;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.TokenKind;

/**
 * Signing in and recognising a token, both done by the database: the password is checked against
 * its hash there, tokens are issued there and kept only as hashes. The application sees neither
 * hash; it sees only the token it hands to the user and the identity the database vouches for.
 */
@Component
public class Identities {

    /** Who a token proves, as the database says. */
    public record Identity(UUID userId, String username, String displayName, Role role, TokenKind kind) {}

    /** A successful sign-in: the new token and whom it proves. */
    public record SignedIn(AccessToken token, Identity identity) {}

    private final JdbcClient jdbc;

    Identities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Checks a password in the database. Refusals (unknown, disabled, locked, wrong) look alike
     * here and are audited there.
     *
     * @param kind SESSION for a web sign-in (audited as such), BASIC for one request of a script
     */
    public Optional<SignedIn> signIn(String username, String password, TokenKind kind, String channel) {
        return signIn(username, password, kind, channel, null);
    }

    /**
     * The same, for a request from {@code source} (its client's address): the database counts
     * failures per account and address, and an account's lock spares the addresses it signed in
     * from lately.
     */
    public Optional<SignedIn> signIn(String username, String password, TokenKind kind, String channel, String source) {
        if (kind != TokenKind.SESSION && kind != TokenKind.BASIC) {
            throw new IllegalArgumentException("a password signs in a session or a single request, not " + kind);
        }
        return jdbc.sql("SELECT * FROM vpflow.login_password(:username, :password, :kind, :channel, :source)")
                .param("username", username == null ? "" : username)
                .param("password", password == null ? "" : password)
                .param("kind", kind.code())
                .param("channel", channel)
                .param("source", source)
                .query((rs, n) -> new SignedIn(
                        new AccessToken(rs.getString("token")),
                        new Identity(
                                rs.getObject("user_id", UUID.class),
                                rs.getString("username"),
                                rs.getString("display_name"),
                                Role.fromCode(rs.getString("role")).orElseThrow(),
                                kind)))
                .optional();
    }

    /** Who a session, API or feed token proves now, if anyone. */
    public Optional<Identity> authenticate(AccessToken token) {
        return jdbc.sql("SELECT * FROM vpflow.authenticate(:token)")
                .param("token", token.value())
                .query((rs, n) -> new Identity(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        Role.fromCode(rs.getString("role")).orElseThrow(),
                        TokenKind.of(rs.getString("kind"))))
                .optional();
    }

    /** Ends a session (audited as signing out) or a single request's token; unknown tokens are ignored. */
    public void end(AccessToken token) {
        jdbc.sql("SELECT vpflow.end_session(:token)")
                .param("token", token.value())
                .query()
                .singleRow();
    }

    /**
     * Where a session waiting for its second factor stands: none, code (with whether the account
     * has an app and how many passkeys) or enroll (with the app's new secret, hex).
     */
    public record SecondFactorState(String state, String username, String secretHex, boolean app, int passkeys) {}

    public SecondFactorState secondFactorState(AccessToken token) {
        return jdbc.sql("SELECT * FROM vpflow.second_factor_state(:token)")
                .param("token", token.value())
                .query((rs, n) -> new SecondFactorState(
                        rs.getString("state"),
                        rs.getString("username"),
                        rs.getString("secret"),
                        rs.getBoolean("app"),
                        rs.getInt("passkeys")))
                .single();
    }

    /** The result (signed_in, refused, expired) and, when the app was just set up, the recovery codes. */
    public record SecondFactorResult(String result, java.util.List<String> recoveryCodes) {}

    public SecondFactorResult verifySecondFactor(AccessToken token, String code) {
        return jdbc.sql("SELECT * FROM vpflow.second_factor_verify(:token, :code)")
                .param("token", token.value())
                .param("code", code == null ? "" : code)
                .query((rs, n) -> {
                    java.sql.Array codes = rs.getArray("recovery_codes");
                    return new SecondFactorResult(
                            rs.getString("result"),
                            codes == null ? java.util.List.of() : java.util.List.of((String[]) codes.getArray()));
                })
                .single();
    }
}
