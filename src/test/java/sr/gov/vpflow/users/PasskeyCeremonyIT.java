package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * What the database holds of a passkey sign-in, called as the application's own login would (an
 * attacker with that login included): a session waiting for its second factor gets one challenge
 * at a time, used once, for five minutes; only the account's own passkey may answer it, and only
 * with a counter that went up. The signature itself is the server's to verify (SecondFactorBrowserIT
 * sends one that does not verify).
 */
class PasskeyCeremonyIT extends IntegrationTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private JdbcClient owner;
    private Account secretary;
    private byte[] passkey;

    @BeforeEach
    void aSecretaryWithAPasskey() {
        owner = JdbcClient.create(ownerDatabase.dataSource());
        secretary = accounts.create(Role.SECRETARY);
        passkey = random();
        owner.sql("INSERT INTO vpflow.passkeys (user_id, credential_id, public_key, attestation_object,"
                        + " attestation_client_data, sign_count, label)"
                        + " VALUES (:user, :id, '\\x00', '\\x00', '\\x00', 5, 'Sleutel')")
                .param("user", secretary.id())
                .param("id", passkey)
                .update();
    }

    @Test
    void eachChallengeIsUsedOnceAndOnlyTheAccountsPasskeyWithARisingCounterAnswersIt() {
        String waiting = jdbc.sql("SELECT token FROM vpflow.login_password(:u, :p, 'session', 'web')")
                .param("u", secretary.username())
                .param("p", secretary.password())
                .query(String.class)
                .single();
        assertThat(proves(waiting)).as("the password alone").isFalse();
        assertThat(finish(waiting, passkey, 6)).as("nothing begun").isEqualTo("expired");

        begin(waiting);
        assertThat(finish(waiting, passkey, 5))
                .as("a counter that did not go up: a copied key")
                .isEqualTo("refused");
        assertThat(finish(waiting, passkey, 6)).as("the challenge is used").isEqualTo("expired");

        begin(waiting);
        assertThat(finish(waiting, random(), 7)).as("a passkey of nobody's").isEqualTo("refused");

        Account other = accounts.create(Role.SECRETARY);
        byte[] othersKey = random();
        owner.sql("INSERT INTO vpflow.passkeys (user_id, credential_id, public_key, attestation_object,"
                        + " attestation_client_data, label) VALUES (:user, :id, '\\x00', '\\x00', '\\x00', 'Ander')")
                .param("user", other.id())
                .param("id", othersKey)
                .update();
        begin(waiting);
        assertThat(finish(waiting, othersKey, 1))
                .as("another account's passkey")
                .isEqualTo("refused");

        begin(waiting);
        owner.sql("UPDATE vpflow.access_tokens SET passkey_challenge_expires_at = now() - interval '1 second'"
                        + " WHERE passkey_challenge IS NOT NULL AND user_id = :user")
                .param("user", secretary.id())
                .update();
        assertThat(finish(waiting, passkey, 6)).as("after five minutes").isEqualTo("expired");

        assertThatThrownBy(() -> jdbc.sql("SELECT * FROM vpflow.begin_passkey(:t, 'register', :c)")
                        .param("t", waiting)
                        .param("c", random())
                        .query()
                        .listOfRows())
                .as("an account with a passkey adds another signed in, not half-way")
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("has a second factor");

        assertThat(owner.sql("SELECT failed_logins FROM vpflow.users WHERE id = :id")
                        .param("id", secretary.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(owner.sql("SELECT string_agg(details->>'reason', ',' ORDER BY seq) FROM vpflow.audit_logs"
                                + " WHERE entity_id = :id AND event_type = 'login_failed'")
                        .param("id", secretary.id())
                        .query(String.class)
                        .single())
                .isEqualTo("passkey_counter,wrong_passkey,wrong_passkey");

        begin(waiting);
        assertThat(finish(waiting, passkey, 6)).isEqualTo("signed_in");
        assertThat(proves(waiting)).isTrue();
        assertThat(owner.sql("SELECT sign_count FROM vpflow.passkeys WHERE credential_id = :id")
                        .param("id", passkey)
                        .query(Long.class)
                        .single())
                .isEqualTo(6);
        assertThat(owner.sql("SELECT failed_logins FROM vpflow.users WHERE id = :id")
                        .param("id", secretary.id())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aResetSecondFactorTakesThePasskeysWithIt() {
        String reset = accounts.asSystem(
                Role.ADMIN,
                () -> tx.execute(status -> jdbc.sql("SELECT vpflow.reset_second_factor(:id)")
                        .param("id", secretary.id())
                        .query(String.class)
                        .single()));
        assertThat(reset).isEqualTo("changed");
        assertThat(owner.sql("SELECT removed_at IS NOT NULL FROM vpflow.passkeys WHERE user_id = :id")
                        .param("id", secretary.id())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM vpflow.login_password(:u, :p, 'basic', 'api')")
                        .param("u", secretary.username())
                        .param("p", secretary.password())
                        .query(Long.class)
                        .single())
                .as("without a second factor left, a secretary's password signs in alone again")
                .isEqualTo(1);
    }

    private void begin(String waiting) {
        jdbc.sql("SELECT * FROM vpflow.begin_passkey(:t, 'sign_in', :c)")
                .param("t", waiting)
                .param("c", random())
                .query()
                .listOfRows();
    }

    private String finish(String waiting, byte[] credential, long count) {
        return jdbc.sql("SELECT vpflow.finish_passkey_sign_in(:t, :id, :n, false)")
                .param("t", waiting)
                .param("id", credential)
                .param("n", count)
                .query(String.class)
                .single();
    }

    private boolean proves(String token) {
        return jdbc.sql("SELECT count(*) FROM vpflow.authenticate(:t)")
                        .param("t", token)
                        .query(Long.class)
                        .single()
                == 1;
    }

    private static byte[] random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
