package sr.gov.vpflow.users;

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
    private final AuditLog audit;

    UserService(UserRepository users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @Transactional
    public UserView create(NewUser request) {
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
        PasswordPolicy.check(request.password(), username);
        if (users.usernameExists(username)) {
            throw UserException.usernameTaken(username);
        }
        UUID id = users.insert(username, displayName, role, request.password());
        audit.record(new AuditEvent("user_created", "user", id, Map.of("username", username, "role", role.code())));
        log.info("user {} created with role {}", id, role.code());
        return users.find(id).orElseThrow();
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

    @Transactional
    public void changePassword(UUID id, String newPassword) {
        UserView user = users.find(id).orElseThrow(UserException::notFound);
        PasswordPolicy.check(newPassword, user.username());
        users.setPassword(id, newPassword);
        audit.record(AuditEvent.of("user_password_changed", "user", id).with("username", user.username()));
        log.info("password of user {} changed", id);
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

    @Transactional(readOnly = true)
    public boolean anyAccountExists() {
        return users.count() > 0;
    }
}
