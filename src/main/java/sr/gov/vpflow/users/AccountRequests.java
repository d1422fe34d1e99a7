package sr.gov.vpflow.users;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Role;

/**
 * The Vice President's side of the four-eyes rule: the requests the administrator filed, and the
 * decision on each. The database makes the same checks (decide_account_request); these give the
 * clear answers.
 */
@Service
public class AccountRequests {

    private static final Logger log = LoggerFactory.getLogger(AccountRequests.class);

    private final AccountRequestRepository requests;

    AccountRequests(AccountRequestRepository requests) {
        this.requests = requests;
    }

    @Transactional(readOnly = true)
    public List<AccountRequestView> list(boolean pendingOnly) {
        return requests.list(pendingOnly);
    }

    @Transactional
    public AccountRequestView approve(UUID id, String reason) {
        return decide(id, true, reason);
    }

    @Transactional
    public AccountRequestView reject(UUID id, String reason) {
        return decide(id, false, reason);
    }

    private AccountRequestView decide(UUID id, boolean approve, String reason) {
        var actor = ActorContext.current().orElseThrow();
        if (actor.role() != Role.VP || actor.userId() == null) {
            throw UserException.onlyVpDecides();
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 500) {
            throw UserException.reasonRequired();
        }
        AccountRequestView request = requests.find(id).orElseThrow(UserException::requestNotFound);
        if (!request.pending()) {
            throw UserException.alreadyDecided();
        }
        if (actor.userId().equals(request.requestedBy()) || actor.userId().equals(request.userId())) {
            throw UserException.fourEyes();
        }
        String status = requests.decide(id, approve, why);
        log.info("account request {} ({} of user {}) {}", id, request.kind(), request.userId(), status);
        return requests.find(id).orElseThrow();
    }
}
