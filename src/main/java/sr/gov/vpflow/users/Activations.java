package sr.gov.vpflow.users;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.platform.ActorContext;

/**
 * Passwords only their owners know: the activation link on which a person chooses theirs (before
 * anyone is signed in), and, signed in, changing one's own with the current one, one's sessions
 * and recent sign-ins.
 */
@Service
public class Activations {

    private static final Logger log = LoggerFactory.getLogger(Activations.class);
    private static final int LINK_LENGTH = 200;

    private final ActivationRepository activations;

    Activations(ActivationRepository activations) {
        this.activations = activations;
    }

    /** Whose link it is and whether it works: valid, used, expired, awaiting_approval or unknown. */
    @Transactional
    public ActivationRepository.LinkState state(String token) {
        if (token == null || token.length() > LINK_LENGTH) {
            return new ActivationRepository.LinkState(null, null, "unknown");
        }
        return activations.state(token);
    }

    /** Sets the person's password with the link; the state it was in otherwise. */
    @Transactional
    public String activate(String token, String password, String repeated) {
        ActivationRepository.LinkState link = state(token);
        if (!link.state().equals("valid")) {
            return link.state();
        }
        if (password == null || !password.equals(repeated)) {
            throw UserException.passwordsDiffer();
        }
        PasswordPolicy.check(password, link.username());
        String outcome = activations.use(token, password);
        if (outcome.equals("activated")) {
            log.info("an account chose its password with an activation link");
        }
        return outcome;
    }

    /**
     * Changes the signed-in user's password, which ends their sessions and tokens. A wrong current
     * password is committed as a failed sign-in (it counts towards the lock), then refused.
     */
    @Transactional(noRollbackFor = UserException.class)
    public void changeOwnPassword(String username, String current, String next) {
        PasswordPolicy.check(next, username);
        if (!activations.changeOwnPassword(current == null ? "" : current, next)) {
            throw UserException.currentPasswordWrong();
        }
        log.info(
                "user {} changed their password",
                ActorContext.current().map(a -> a.userId()).orElse(null));
    }

    /** The signed-in user's own one-time code app: none, pending (being set up) or active. */
    @Transactional(readOnly = true)
    public ActivationRepository.OwnSecondFactor ownSecondFactor() {
        return activations.ownSecondFactor();
    }

    @Transactional
    public void beginOwnSecondFactor() {
        activations.beginOwnSecondFactor();
    }

    /** Confirms the app with its first code: the recovery codes, to show once. */
    @Transactional(noRollbackFor = UserException.class)
    public List<String> confirmOwnSecondFactor(String code) {
        List<String> codes = activations.confirmOwnSecondFactor(code == null ? "" : code.strip());
        if (codes == null) {
            throw UserException.wrongCode();
        }
        log.info(
                "user {} set up a one-time code app",
                ActorContext.current().map(a -> a.userId()).orElse(null));
        return codes;
    }

    @Transactional(readOnly = true)
    public List<SessionView> sessions() {
        return activations.sessions();
    }

    @Transactional
    public boolean endSession(UUID id) {
        return activations.endSession(id);
    }

    @Transactional(readOnly = true)
    public List<SignInView> signIns() {
        return activations.signIns(20);
    }
}
