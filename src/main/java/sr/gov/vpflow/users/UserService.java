package sr.gov.vpflow.users;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.Role;

/** Managing accounts: the administrator's work, from the API, the pages and the command line. */
@Service
public class UserService {

    private static final Logger log = LoggerFactory.getLogger(UserService.class);
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$");

    private final UserRepository users;
    private final AccountRequestRepository requests;
    private final ActivationRepository activations;
    private final AuditLog audit;

    UserService(
            UserRepository users, AccountRequestRepository requests, ActivationRepository activations, AuditLog audit) {
        this.users = users;
        this.requests = requests;
        this.activations = activations;
        this.audit = audit;
    }

    /**
     * Creates an account with the password given: the operator's way (the command line on the
     * server, start-up, demo data); the database refuses a password from anyone else.
     */
    @Transactional
    public UserView create(NewUser request) {
        return make(request, false);
    }

    private UserView make(NewUser request, boolean invitation) {
        String username = request.username() == null ? "" : request.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            throw UserException.invalidUsername();
        }
        String displayName =
                request.displayName() == null ? "" : request.displayName().strip();
        if (displayName.isEmpty() || displayName.length() > 200) {
            throw UserException.invalidDisplayName();
        }
        Role role = Role.fromCode(request.role()).orElseThrow(() -> UserException.unknownRole(request.role()));
        if (request.password() != null || !invitation) {
            PasswordPolicy.check(request.password(), username);
        }
        if (users.usernameExists(username)) {
            throw UserException.usernameTaken(username);
        }
        UUID id = users.insert(username, displayName, role, request.password());
        audit.record(new AuditEvent("user_created", "user", id, Map.of("username", username, "role", role.code())));
        UserView made = users.find(id).orElseThrow();
        if (role == Role.VP && !made.isActive()) {
            // the database made it disabled and filed its activation for another Vice President
            log.info("user {} created with role vp, disabled until a Vice President approves", id);
        } else {
            log.info("user {} created with role {}", id, role.code());
        }
        return made;
    }

    /**
     * Creates an account without a password, as the administrator does: the person chooses
     * theirs with the activation link returned (shown once; {@code baseUrl} is VP-Flow's address
     * as the person reaches it). A Vice President's account also waits for another's approval.
     */
    @Transactional
    public AccountInvitation invite(NewUser request, String baseUrl) {
        if (request.password() != null) {
            throw UserException.passwordNotAccepted();
        }
        UserView made = make(request, true);
        ActivationRepository.Issued link = activations.issue(made.id(), "new");
        return new AccountInvitation(
                made,
                new Activation(baseUrl + "/activate/" + link.token(), link.expiresAt()),
                requests.pending(made.id(), "activate").orElse(null));
    }

    /**
     * A new activation link for an account whose owner lost their password; earlier links stop
     * working. For a Vice President's it is a request: the link works once another approves.
     */
    @Transactional
    public AccountInvitation reset(UUID id, String baseUrl) {
        UserView user = users.find(id).orElseThrow(UserException::notFound);
        ActivationRepository.Issued link = activations.issue(id, "reset");
        log.info("user {}: activation link for a new password made", id);
        return new AccountInvitation(
                user,
                new Activation(baseUrl + "/activate/" + link.token(), link.expiresAt()),
                link.request() == null ? null : requests.find(link.request()).orElseThrow());
    }

    /** The account as made, with the request for its activation when it waits for a Vice President. */
    @Transactional
    public AccountChange createAccount(NewUser request) {
        UserView made = create(request);
        return new AccountChange(made, requests.pending(made.id(), "activate").orElse(null));
    }

    /**
     * Enables a disabled account; a Vice President's becomes a request for another Vice
     * President's approval.
     */
    @Transactional
    public AccountChange enable(UUID id) {
        UserView user = users.find(id).orElseThrow(UserException::notFound);
        if (user.isActive()) {
            throw UserException.alreadyActive();
        }
        if (requests.pending(id, "activate").isPresent()) {
            throw UserException.requestPending();
        }
        return carriedOut(id, "activate", requests.enable(id), "enabled");
    }

    /** Changes a role; to or from vp it becomes a request for a Vice President's approval. */
    @Transactional
    public AccountChange changeRole(UUID id, String roleCode) {
        Role role = Role.fromCode(roleCode).orElseThrow(() -> UserException.unknownRole(roleCode));
        UserView user = users.find(id).orElseThrow(UserException::notFound);
        if (ActorContext.current().map(a -> id.equals(a.userId())).orElse(false)) {
            throw UserException.cannotChangeOwnRole();
        }
        if ((role == Role.VP || user.role().equals(Role.VP.code()))
                && requests.pending(id, "role_change").isPresent()) {
            throw UserException.requestPending();
        }
        return carriedOut(id, "role_change", requests.setRole(id, role), "given role " + role.code());
    }

    /**
     * Resets an account's second factor (a lost phone): the app is set up again at the next sign-in.
     * A Vice President's becomes a request for another Vice President's approval.
     */
    @Transactional
    public AccountChange resetSecondFactor(UUID id) {
        users.find(id).orElseThrow(UserException::notFound);
        if (requests.pending(id, "second_factor_reset").isPresent()) {
            throw UserException.requestPending();
        }
        return carriedOut(id, "second_factor_reset", requests.resetSecondFactor(id), "second factor reset");
    }

    private AccountChange carriedOut(UUID id, String kind, String outcome, String what) {
        switch (outcome) {
            case "not_found" -> throw UserException.notFound();
            case "requested" -> {
                AccountRequestView filed = requests.pending(id, kind).orElseThrow();
                log.info("user {}: request {} filed ({}) for a Vice President's approval", id, filed.id(), kind);
                return new AccountChange(users.find(id).orElseThrow(), filed);
            }
            default -> {
                log.info("user {} {}", id, what);
                return new AccountChange(users.find(id).orElseThrow(), null);
            }
        }
    }

    @Transactional
    public UserView disable(UUID id) {
        UserView user = users.find(id).orElseThrow(UserException::notFound);
        if (ActorContext.current().map(a -> id.equals(a.userId())).orElse(false)) {
            throw UserException.cannotDisableSelf();
        }
        if (!user.isActive()) {
            throw UserException.alreadyDisabled();
        }
        // the database ends every session and token of the account with it (users_end_tokens)
        users.disable(id);
        audit.record(AuditEvent.of("user_disabled", "user", id).with("username", user.username()));
        log.info("user {} disabled", id);
        return users.find(id).orElseThrow();
    }

    /**
     * Sets an account's password. A Vice President's becomes a request for another Vice
     * President's approval (returned); the password takes effect then.
     */
    @Transactional
    public Optional<AccountRequestView> changePassword(UUID id, String newPassword) {
        UserView user = users.find(id).orElseThrow(UserException::notFound);
        PasswordPolicy.check(newPassword, user.username());
        if (Role.fromCode(user.role()).orElseThrow() == Role.VP) {
            if (requests.pending(id, "password_reset").isPresent()) {
                throw UserException.requestPending();
            }
            users.setPassword(id, newPassword); // the database files it as a request
            AccountRequestView filed = requests.pending(id, "password_reset").orElseThrow();
            log.info("user {}: request {} filed (password_reset) for a Vice President's approval", id, filed.id());
            return Optional.of(filed);
        }
        users.setPassword(id, newPassword);
        audit.record(AuditEvent.of("user_password_changed", "user", id).with("username", user.username()));
        log.info("password of user {} changed", id);
        return Optional.empty();
    }

    @Transactional(readOnly = true)
    public Optional<UserView> find(UUID id) {
        return users.find(id);
    }

    @Transactional(readOnly = true)
    public Optional<UserView> findByUsername(String username) {
        return users.findByUsername(username);
    }

    @Transactional(readOnly = true)
    public Page<UserView> list(String cursor, int limit) {
        String after = Page.decode(cursor);
        return Page.of(users.list(after, limit + 1), limit, u -> u.username().toLowerCase(java.util.Locale.ROOT));
    }

    /** The accounts' state beside their list, by account (the administrator's alone: the database says so). */
    @Transactional(readOnly = true)
    Map<UUID, AccountState> states(List<UUID> ids) {
        Map<UUID, AccountState> states = new LinkedHashMap<>();
        users.states(ids).forEach(s -> states.put(s.userId(), s));
        return states;
    }

    /** The accounts that need a look, counted (the administrator's: the database refuses anyone else). */
    @Transactional(readOnly = true)
    public AccountsAtAGlance atAGlance(int atMost) {
        List<UserView> all = users.list(null, atMost);
        Map<UUID, AccountState> states = states(all.stream().map(UserView::id).toList());
        int disabled = (int) all.stream().filter(u -> !u.isActive()).count();
        int waiting = (int) states.values().stream()
                .filter(AccountState::awaitingActivation)
                .count();
        int locked = (int) states.values().stream().filter(AccountState::locked).count();
        return new AccountsAtAGlance(all.size(), disabled, waiting, locked);
    }

    @Transactional(readOnly = true)
    public boolean anyAccountExists() {
        return users.count() > 0;
    }
}
