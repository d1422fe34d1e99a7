package sr.gov.vpflow.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * What the database checks of a passkey sign-in, called as the application's own login would (an
 * attacker with that login and the password included): a session waiting for its second factor
 * gets one challenge at a time, used once, for five minutes; the answer must be for that challenge,
 * for the passkey's relying party, with the user present, from the account's own passkey, whose id
 * the database never hands out, and with a counter that went up. The signature itself is the
 * server's to verify (SecondFactorBrowserIT sends one changed by a byte).
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
                        + " attestation_client_data, sign_count, label, rp_id)"
                        + " VALUES (:user, :id, '\\x00', '\\x00', '\\x00', 5, 'Sleutel', 'localhost')")
                .param("user", secretary.id())
                .param("id", passkey)
                .update();
    }

    @Test
    void eachChallengeIsUsedOnceAndOnlyTheAccountsPasskeyWithARisingCounterAnswersIt() {
        String waiting = jdbc.sql("SELECT token FROM vpflow.login_password(:u, :p, 'session', 'web', NULL)")
                .param("u", secretary.username())
                .param("p", secretary.password())
                .query(String.class)
                .single();
        assertThat(proves(waiting)).as("the password alone").isFalse();
        assertThat(finish(waiting, passkey, authenticatorData("localhost", 1, 6), client("webauthn.get", random())))
                .as("nothing begun")
                .isEqualTo("expired");

        byte[] challenge = begin(waiting);
        assertThat(finish(waiting, passkey, authenticatorData("localhost", 1, 5), client("webauthn.get", challenge)))
                .as("a counter that did not go up: a copied key")
                .isEqualTo("refused");
        counted();
        assertThat(finish(waiting, passkey, authenticatorData("localhost", 1, 6), client("webauthn.get", challenge)))
                .as("the challenge is used")
                .isEqualTo("expired");

        challenge = begin(waiting);
        assertThat(finish(waiting, passkey, authenticatorData("localhost", 1, 6), client("webauthn.get", random())))
                .as("an answer to another challenge")
                .isEqualTo("refused");
        counted();
        challenge = begin(waiting);
        assertThat(finish(
                        waiting, passkey, authenticatorData("vpflow.example", 1, 6), client("webauthn.get", challenge)))
                .as("an answer for another site")
                .isEqualTo("refused");
        counted();
        challenge = begin(waiting);
        assertThat(finish(waiting, passkey, authenticatorData("localhost", 0, 6), client("webauthn.get", challenge)))
                .as("nobody touched the device")
                .isEqualTo("refused");
        counted();
        challenge = begin(waiting);
        assertThat(finish(waiting, passkey, authenticatorData("localhost", 1, 6), client("webauthn.create", challenge)))
                .as("a registration's answer")
                .isEqualTo("refused");
        counted();
        challenge = begin(waiting);
        assertThat(finish(waiting, random(), authenticatorData("localhost", 1, 7), client("webauthn.get", challenge)))
                .as("a passkey of nobody's")
                .isEqualTo("refused");
        counted();

        Account other = accounts.create(Role.SECRETARY);
        byte[] othersKey = random();
        owner.sql("INSERT INTO vpflow.passkeys (user_id, credential_id, public_key, attestation_object,"
                        + " attestation_client_data, label, rp_id)"
                        + " VALUES (:user, :id, '\\x00', '\\x00', '\\x00', 'Ander', 'localhost')")
                .param("user", other.id())
                .param("id", othersKey)
                .update();
        challenge = begin(waiting);
        assertThat(finish(waiting, othersKey, authenticatorData("localhost", 1, 1), client("webauthn.get", challenge)))
                .as("another account's passkey")
                .isEqualTo("refused");
        counted();

        challenge = begin(waiting);
        owner.sql("UPDATE vpflow.access_tokens SET passkey_challenge_expires_at = now() - interval '1 second'"
                        + " WHERE passkey_challenge IS NOT NULL AND user_id = :user")
                .param("user", secretary.id())
                .update();
        assertThat(finish(waiting, passkey, authenticatorData("localhost", 1, 6), client("webauthn.get", challenge)))
                .as("after five minutes")
                .isEqualTo("expired");

        assertThatThrownBy(() -> jdbc.sql("SELECT * FROM vpflow.begin_passkey(:t, 'register', :c)")
                        .param("t", waiting)
                        .param("c", random())
                        .query()
                        .listOfRows())
                .as("an account with a passkey adds another signed in, not half-way")
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("has a second factor");

        assertThat(owner.sql("SELECT string_agg(details->>'reason', ',' ORDER BY seq) FROM vpflow.audit_logs"
                                + " WHERE entity_id = :id AND event_type = 'login_failed'")
                        .param("id", secretary.id())
                        .query(String.class)
                        .single())
                .isEqualTo("passkey_counter" + ",wrong_passkey".repeat(6));

        owner.sql("UPDATE vpflow.users SET failed_logins = 2 WHERE id = :id")
                .param("id", secretary.id())
                .update();
        challenge = begin(waiting);
        assertThat(finish(
                        waiting, passkey, authenticatorData("localhost", 1 | 16, 6), client("webauthn.get", challenge)))
                .isEqualTo("signed_in");
        assertThat(proves(waiting)).isTrue();
        assertThat(owner.sql("SELECT sign_count || ' ' || backup_state FROM vpflow.passkeys WHERE credential_id = :id")
                        .param("id", passkey)
                        .query(String.class)
                        .single())
                .as("the counter and the backup state as the device reported them")
                .isEqualTo("6 true");
        assertThat(owner.sql("SELECT failed_logins FROM vpflow.users WHERE id = :id")
                        .param("id", secretary.id())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aSignInNamesNoPasskeyToWhoeverHoldsTheWaitingSession() {
        String waiting = jdbc.sql("SELECT token FROM vpflow.login_password(:u, :p, 'session', 'web', NULL)")
                .param("u", secretary.username())
                .param("p", secretary.password())
                .query(String.class)
                .single();
        assertThat(jdbc.sql("SELECT cardinality(credential_ids) FROM vpflow.begin_passkey(:t, 'sign_in', :c)")
                        .param("t", waiting)
                        .param("c", random())
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM vpflow.passkey_ceremony(:t, 'sign_in', :id) WHERE public_key IS NOT NULL")
                        .param("t", waiting)
                        .param("id", random())
                        .query(Long.class)
                        .single())
                .as("a guessed id finds no passkey")
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
        assertThat(jdbc.sql("SELECT count(*) FROM vpflow.login_password(:u, :p, 'basic', 'api', NULL)")
                        .param("u", secretary.username())
                        .param("p", secretary.password())
                        .query(Long.class)
                        .single())
                .as("without a second factor left, a secretary's password signs in alone again")
                .isEqualTo(1);
    }

    /** The refusal counted towards the lock (reset here, so that the next one is not a lock's). */
    private void counted() {
        assertThat(owner.sql("SELECT failed_logins FROM vpflow.users WHERE id = :id")
                        .param("id", secretary.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        owner.sql("UPDATE vpflow.users SET failed_logins = 0, locked_until = NULL WHERE id = :id")
                .param("id", secretary.id())
                .update();
    }

    /** Begins a sign-in ceremony with a challenge of the server's, as Passkeys does; returns it. */
    private byte[] begin(String waiting) {
        byte[] challenge = random();
        jdbc.sql("SELECT * FROM vpflow.begin_passkey(:t, 'sign_in', :c)")
                .param("t", waiting)
                .param("c", challenge)
                .query()
                .listOfRows();
        return challenge;
    }

    private String finish(String waiting, byte[] credential, byte[] authenticatorData, byte[] clientData) {
        return jdbc.sql("SELECT vpflow.finish_passkey_sign_in(:t, :id, :data, :client)")
                .param("t", waiting)
                .param("id", credential)
                .param("data", authenticatorData)
                .param("client", clientData)
                .query(String.class)
                .single();
    }

    /** WebAuthn's authenticator data: the relying party's SHA-256, the flags, the counter. */
    private static byte[] authenticatorData(String rpId, int flags, int counter) {
        try {
            return ByteBuffer.allocate(37)
                    .put(MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8)))
                    .put((byte) flags)
                    .putInt(counter)
                    .array();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client data a browser sends, for a challenge. */
    private static byte[] client(String type, byte[] challenge) {
        return ("{\"type\":\"" + type + "\",\"challenge\":\""
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(challenge)
                        + "\",\"origin\":\"http://localhost\"}")
                .getBytes(StandardCharsets.UTF_8);
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
