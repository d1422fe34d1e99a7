package sr.gov.vpflow.platform.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import sr.gov.vpflow.platform.AccessToken;

/**
 * The database's side of a passkey ceremony (V1_0_70). Each call names the session it runs in: a
 * session waiting for its second factor, or none for the signed-in session acting now.
 */
@Repository
class PasskeyRepository {

    /** The account a ceremony is for, as the browser is told: user handle, names, its passkeys' ids. */
    record Account(byte[] userHandle, String username, String displayName, List<byte[]> credentialIds) {}

    /** A passkey: what Spring Security's verification reads, and what it makes of a new one. */
    record Key(
            byte[] credentialId,
            byte[] publicKey,
            byte[] attestationObject,
            byte[] attestationClientData,
            long signCount,
            boolean uvInitialized,
            boolean backupEligible,
            boolean backupState,
            List<String> transports,
            String label,
            String rpId) {}

    /** A ceremony begun: its challenge, the account and, signing in, the passkey named. */
    record Ceremony(byte[] challenge, Account account, Key passkey) {}

    private final JdbcClient jdbc;

    PasskeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Account begin(AccessToken waiting, String purpose, byte[] challenge) {
        return jdbc.sql("SELECT * FROM vpflow.begin_passkey(:token, :purpose, :challenge)")
                .param("token", value(waiting))
                .param("purpose", purpose)
                .param("challenge", challenge)
                .query((rs, n) -> account(rs, bytesList(rs.getArray("credential_ids"))))
                .single();
    }

    Optional<Ceremony> ceremony(AccessToken waiting, String purpose, byte[] credentialId) {
        return jdbc.sql("SELECT * FROM vpflow.passkey_ceremony(:token, :purpose, :credential)")
                .param("token", value(waiting))
                .param("purpose", purpose)
                .param("credential", credentialId)
                .query((rs, n) -> new Ceremony(
                        rs.getBytes("challenge"),
                        account(rs, List.of()),
                        rs.getBytes("attestation_object") == null
                                ? null
                                : new Key(
                                        credentialId,
                                        rs.getBytes("public_key"),
                                        rs.getBytes("attestation_object"),
                                        rs.getBytes("attestation_client_data"),
                                        rs.getLong("sign_count"),
                                        rs.getBoolean("uv_initialized"),
                                        rs.getBoolean("backup_eligible"),
                                        rs.getBoolean("backup_state"),
                                        strings(rs.getArray("transports")),
                                        rs.getString("label"),
                                        null)))
                .optional();
    }

    /**
     * signed_in, refused or expired, for the answer's authenticator and client data as the browser
     * sent them; a null credential means the signature was not right.
     */
    String finishSignIn(AccessToken waiting, byte[] credentialId, byte[] authenticatorData, byte[] clientData) {
        return jdbc.sql("SELECT vpflow.finish_passkey_sign_in(:token, :credential, :data, :client)")
                .param("token", waiting.value())
                .param("credential", credentialId)
                .param("data", authenticatorData)
                .param("client", clientData)
                .query(String.class)
                .single();
    }

    /**
     * Adds the passkey; the recovery codes made with it (empty when the account keeps its own), or
     * null when a waiting session's account is locked or disabled (audited).
     */
    List<String> add(AccessToken waiting, Key passkey) {
        return jdbc.sql("SELECT vpflow.add_passkey(:token, :credential, :key, :attestation, :client, :count, :uv,"
                        + " :eligible, :backup, :transports, :label, :rp) AS codes")
                .param("token", value(waiting))
                .param("credential", passkey.credentialId())
                .param("key", passkey.publicKey())
                .param("attestation", passkey.attestationObject())
                .param("client", passkey.attestationClientData())
                .param("count", passkey.signCount())
                .param("uv", passkey.uvInitialized())
                .param("eligible", passkey.backupEligible())
                .param("backup", passkey.backupState())
                .param("transports", passkey.transports().toArray(String[]::new))
                .param("label", passkey.label())
                .param("rp", passkey.rpId())
                .query((rs, n) -> rs.getArray("codes") == null ? null : strings(rs.getArray("codes")))
                .single();
    }

    List<Passkeys.Listed> own() {
        return jdbc.sql("SELECT * FROM vpflow.own_passkeys()")
                .query((rs, n) -> new Passkeys.Listed(
                        rs.getObject("id", UUID.class),
                        rs.getString("label"),
                        rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("last_used_at", OffsetDateTime.class)))
                .list();
    }

    boolean removeOwn(UUID id) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT vpflow.remove_own_passkey(:id)")
                .param("id", id)
                .query(Boolean.class)
                .single());
    }

    private static Account account(ResultSet rs, List<byte[]> credentialIds) throws SQLException {
        return new Account(
                rs.getBytes("user_handle"), rs.getString("username"), rs.getString("display_name"), credentialIds);
    }

    private static String value(AccessToken token) {
        return token == null ? null : token.value();
    }

    private static List<byte[]> bytesList(Array array) throws SQLException {
        List<byte[]> list = new ArrayList<>();
        if (array != null) {
            for (Object item : (Object[]) array.getArray()) {
                list.add((byte[]) item);
            }
        }
        return list;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
