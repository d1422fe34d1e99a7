package sr.gov.vpflow.platform.security;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.CborConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.platform.AccessToken;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.VpFlowProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys (WebAuthn) through Spring Security's relying party: the options a browser needs to make
 * or use a passkey, and the verification of its answer (attestation, signature, origin, relying
 * party, challenge). The database holds the ceremony (PasskeyRepository) and checks again all of
 * the answer but the signature: the session's challenge, used once, the relying party, user
 * presence, the counter, that the passkey is the account's. Passkeys are discoverable: a sign-in
 * names none, so a passkey's id stays with its device and the database. Each method names the
 * session it runs in: a session waiting for its second factor, or null for the signed-in session
 * acting now. The relying party is this site's host name, from VPFLOW_PUBLIC_URL when set, else
 * the request.
 */
@Component
public class Passkeys {

    private static final Logger log = LoggerFactory.getLogger(Passkeys.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** A browser's answer is a few kilobytes; anything far larger is not one. */
    private static final int MAX_ANSWER = 64 * 1024;

    /** One of the signed-in user's passkeys. */
    public record Listed(UUID id, String label, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {}

    static final String REGISTER = "register";
    static final String SIGN_IN = "sign_in";

    private final PasskeyRepository repository;
    private final String publicUrl;
    private final JsonMapper json =
            JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();
    private final WebAuthnManager verifier = WebAuthnManager.createNonStrictWebAuthnManager();
    private final CborConverter cbor = new ObjectConverter().getCborConverter();

    Passkeys(PasskeyRepository repository, VpFlowProperties properties) {
        this.repository = repository;
        this.publicUrl = properties.publicAddress();
    }

    /** The options for making a new passkey (navigator.credentials.create), as JSON. */
    @Transactional
    public String registrationOptions(AccessToken waiting, HttpServletRequest request) {
        Bytes challenge = Bytes.random();
        PasskeyRepository.Account account = repository.begin(waiting, REGISTER, challenge.getBytes());
        return json.writeValueAsString(creationOptions(rp(request), account, challenge));
    }

    /** The options for signing in with a passkey (navigator.credentials.get), as JSON. */
    @Transactional
    public String signInOptions(AccessToken waiting, HttpServletRequest request) {
        Bytes challenge = Bytes.random();
        PasskeyRepository.Account account = repository.begin(waiting, SIGN_IN, challenge.getBytes());
        return json.writeValueAsString(requestOptions(rp(request), account, challenge));
    }

    /**
     * Verifies the browser's new passkey against the session's challenge and adds it; at the first
     * sign-in the waiting session then proves its user. Returns the recovery codes made with it
     * (when the account had none left), to be shown this once.
     *
     * @throws ProblemException passkey_refused when the answer does not verify, or when the account
     *     of a waiting session is locked meanwhile (that refusal is audited and kept)
     */
    @Transactional(noRollbackFor = Refused.class)
    public List<String> register(AccessToken waiting, String answer, String label, HttpServletRequest request) {
        String name = label == null ? "" : label.strip();
        if (name.isEmpty() || name.length() > 64) {
            throw ProblemException.badRequest("passkey_label", "Give the passkey a name of 1 to 64 characters.");
        }
        PublicKeyCredential<AuthenticatorAttestationResponse> credential =
                parse(answer, new TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse>>() {});
        PasskeyRepository.Ceremony ceremony = repository
                .ceremony(waiting, REGISTER, credential.getRawId().getBytes())
                .orElseThrow(() -> refused("no passkey is being added in this session"));
        PublicKeyCredentialRpEntity rp = rp(request);
        Ceremony records = new Ceremony(ceremony);
        CredentialRecord made;
        try {
            made = operations(rp, records, request)
                    .registerCredential(new ImmutableRelyingPartyRegistrationRequest(
                            creationOptions(rp, ceremony.account(), new Bytes(ceremony.challenge())),
                            new RelyingPartyPublicKey(credential, name)));
        } catch (RuntimeException e) {
            throw refused("a new passkey did not verify");
        }
        if (!Arrays.equals(made.getCredentialId().getBytes(), attestedId(made))) {
            throw refused("the passkey's id is not the one its device attested");
        }
        List<String> codes;
        try {
            codes = repository.add(
                    waiting,
                    new PasskeyRepository.Key(
                            made.getCredentialId().getBytes(),
                            made.getPublicKey().getBytes(),
                            made.getAttestationObject().getBytes(),
                            made.getAttestationClientDataJSON().getBytes(),
                            made.getSignatureCount(),
                            made.isUvInitialized(),
                            made.isBackupEligible(),
                            made.isBackupState(),
                            made.getTransports().stream()
                                    .map(AuthenticatorTransport::getValue)
                                    .sorted()
                                    .toList(),
                            name,
                            rp.getId()));
        } catch (DataIntegrityViolationException e) {
            throw refused("this passkey is registered already");
        }
        if (codes == null) {
            throw new Refused();
        }
        log.info("a passkey was added");
        return codes;
    }

    /** The id inside the attestation the device signed. */
    private byte[] attestedId(CredentialRecord made) {
        AttestationObject attestation =
                cbor.readValue(made.getAttestationObject().getBytes(), AttestationObject.class);
        return attestation == null || attestation.getAuthenticatorData().getAttestedCredentialData() == null
                ? new byte[0]
                : attestation.getAuthenticatorData().getAttestedCredentialData().getCredentialId();
    }

    /** A passkey refused to a waiting session whose account was locked or disabled meanwhile. */
    static final class Refused extends ProblemException {
        Refused() {
            super(HttpStatus.BAD_REQUEST, "passkey_refused", "The passkey was not accepted: the account is locked.");
        }
    }

    /**
     * Verifies a waiting session's passkey answer and tells the database: signed_in, refused (a
     * wrong answer counts towards the lock) or expired.
     */
    @Transactional
    public String signIn(AccessToken waiting, String answer, HttpServletRequest request) {
        PublicKeyCredential<AuthenticatorAssertionResponse> credential;
        try {
            credential = parse(answer, new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() {});
        } catch (ProblemException e) {
            return repository.finishSignIn(waiting, null, null, null);
        }
        byte[] id = credential.getRawId().getBytes();
        PasskeyRepository.Ceremony ceremony =
                repository.ceremony(waiting, SIGN_IN, id).orElse(null);
        if (ceremony == null) {
            return "expired";
        }
        if (ceremony.passkey() == null) {
            return repository.finishSignIn(waiting, null, null, null);
        }
        PublicKeyCredentialRpEntity rp = rp(request);
        Ceremony records = new Ceremony(ceremony);
        try {
            operations(rp, records, request)
                    .authenticate(new RelyingPartyAuthenticationRequest(
                            requestOptions(rp, ceremony.account(), new Bytes(ceremony.challenge())), credential));
        } catch (RuntimeException e) {
            log.info("a passkey's answer did not verify: {}", e.getClass().getSimpleName());
            return repository.finishSignIn(waiting, null, null, null);
        }
        return repository.finishSignIn(
                waiting,
                id,
                credential.getResponse().getAuthenticatorData().getBytes(),
                credential.getResponse().getClientDataJSON().getBytes());
    }

    /** The signed-in user's passkeys. */
    @Transactional
    public List<Listed> own() {
        return repository.own();
    }

    /** Removes one of the signed-in user's passkeys; false when there is no such one. */
    @Transactional
    public boolean removeOwn(UUID id) {
        try {
            return repository.removeOwn(id);
        } catch (DataIntegrityViolationException e) {
            throw ProblemException.conflict(
                    "last_second_factor", "The last second factor of an account that must have one stays.");
        }
    }

    private <T> T parse(String answer, TypeReference<T> type) {
        if (answer == null || answer.isBlank() || answer.length() > MAX_ANSWER) {
            throw refused("no answer from the browser");
        }
        PublicKeyCredential<?> credential;
        try {
            credential = (PublicKeyCredential<?>) json.readValue(answer, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw refused("the browser's answer could not be read");
        }
        if (credential == null
                || credential.getRawId() == null
                || credential.getResponse() == null
                || credential.getResponse().getClientDataJSON() == null) {
            throw refused("the browser's answer is incomplete");
        }
        @SuppressWarnings("unchecked")
        T complete = (T) credential;
        return complete;
    }

    private static ProblemException refused(String why) {
        log.info("a passkey was refused: {}", why);
        return ProblemException.badRequest("passkey_refused", "The passkey was not accepted: " + why + ".");
    }

    private static PublicKeyCredentialCreationOptions creationOptions(
            PublicKeyCredentialRpEntity rp, PasskeyRepository.Account account, Bytes challenge) {
        return PublicKeyCredentialCreationOptions.builder()
                .rp(rp)
                .user(user(account))
                .challenge(challenge)
                .pubKeyCredParams(
                        PublicKeyCredentialParameters.EdDSA,
                        PublicKeyCredentialParameters.ES256,
                        PublicKeyCredentialParameters.RS256)
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .residentKey(ResidentKeyRequirement.REQUIRED)
                        .userVerification(UserVerificationRequirement.PREFERRED)
                        .build())
                .attestation(AttestationConveyancePreference.NONE)
                .excludeCredentials(descriptors(account))
                .timeout(TIMEOUT)
                .build();
    }

    private static PublicKeyCredentialRequestOptions requestOptions(
            PublicKeyCredentialRpEntity rp, PasskeyRepository.Account account, Bytes challenge) {
        return PublicKeyCredentialRequestOptions.builder()
                .rpId(rp.getId())
                .challenge(challenge)
                .allowCredentials(descriptors(account))
                .userVerification(UserVerificationRequirement.PREFERRED)
                .timeout(TIMEOUT)
                .build();
    }

    private static List<PublicKeyCredentialDescriptor> descriptors(PasskeyRepository.Account account) {
        return account.credentialIds().stream()
                .map(id -> PublicKeyCredentialDescriptor.builder()
                        .type(PublicKeyCredentialType.PUBLIC_KEY)
                        .id(new Bytes(id))
                        .transports(Set.of())
                        .build())
                .toList();
    }

    private static PublicKeyCredentialUserEntity user(PasskeyRepository.Account account) {
        return ImmutablePublicKeyCredentialUserEntity.builder()
                .id(new Bytes(account.userHandle()))
                .name(account.username())
                .displayName(account.displayName())
                .build();
    }

    private Webauthn4JRelyingPartyOperations operations(
            PublicKeyCredentialRpEntity rp, Ceremony records, HttpServletRequest request) {
        Webauthn4JRelyingPartyOperations operations =
                new Webauthn4JRelyingPartyOperations(records, records, rp, Set.of(origin(request)));
        operations.setWebAuthnManager(verifier);
        return operations;
    }

    private PublicKeyCredentialRpEntity rp(HttpServletRequest request) {
        return PublicKeyCredentialRpEntity.builder()
                .id(URI.create(origin(request)).getHost())
                .name("VP-Flow")
                .build();
    }

    /** This site's origin: VPFLOW_PUBLIC_URL's when set, else the one the request was made to. */
    private String origin(HttpServletRequest request) {
        URI uri = publicUrl.isBlank()
                ? URI.create(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort())
                : URI.create(publicUrl);
        int port = uri.getPort();
        boolean usual = port == -1
                || (uri.getScheme().equals("https") && port == 443)
                || (uri.getScheme().equals("http") && port == 80);
        return uri.getScheme() + "://" + uri.getHost() + (usual ? "" : ":" + port);
    }

    /** Spring Security's repositories for one ceremony, answered from what the database returned. */
    private static final class Ceremony implements UserCredentialRepository, PublicKeyCredentialUserEntityRepository {

        private final PasskeyRepository.Ceremony ceremony;

        Ceremony(PasskeyRepository.Ceremony ceremony) {
            this.ceremony = ceremony;
        }

        @Override
        public CredentialRecord findByCredentialId(Bytes credentialId) {
            PasskeyRepository.Key stored = ceremony.passkey();
            if (stored == null) {
                return null;
            }
            Set<AuthenticatorTransport> transports = new HashSet<>();
            stored.transports().forEach(t -> transports.add(AuthenticatorTransport.valueOf(t)));
            return ImmutableCredentialRecord.builder()
                    .credentialType(PublicKeyCredentialType.PUBLIC_KEY)
                    .credentialId(credentialId)
                    .userEntityUserId(new Bytes(ceremony.account().userHandle()))
                    .publicKey(new ImmutablePublicKeyCose(stored.publicKey()))
                    .signatureCount(stored.signCount())
                    .uvInitialized(stored.uvInitialized())
                    .transports(transports)
                    .backupEligible(stored.backupEligible())
                    .backupState(stored.backupState())
                    .attestationObject(new Bytes(stored.attestationObject()))
                    .attestationClientDataJSON(new Bytes(stored.attestationClientData()))
                    .label(stored.label())
                    .build();
        }

        @Override
        public List<CredentialRecord> findByUserId(Bytes userId) {
            return List.of();
        }

        /** The database takes a new passkey, and the counter from the authenticator data it is given. */
        @Override
        public void save(CredentialRecord record) {}

        @Override
        public void delete(Bytes credentialId) {
            throw new UnsupportedOperationException("passkeys are removed in the database");
        }

        @Override
        public PublicKeyCredentialUserEntity findById(Bytes id) {
            return user(ceremony.account());
        }

        @Override
        public PublicKeyCredentialUserEntity findByUsername(String username) {
            return user(ceremony.account());
        }

        @Override
        public void save(PublicKeyCredentialUserEntity userEntity) {
            throw new UnsupportedOperationException("the user handle is the account's id");
        }
    }
}
