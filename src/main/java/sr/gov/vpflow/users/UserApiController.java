package sr.gov.vpflow.users;

import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.web.ApiController;

@ApiController("/api/v1/users")
class UserApiController {

    private final UserService users;

    UserApiController(UserService users) {
        this.users = users;
    }

    /**
     * 201 with the account; for a vp account (other than the operator's first) 202 with the
     * request for its activation: the account exists, disabled, until a Vice President approves.
     */
    @PostMapping
    ResponseEntity<?> create(@RequestBody NewUser request) {
        AccountChange created = users.createAccount(request);
        if (created.requested()) {
            return accepted(created.request());
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/users/" + created.user().id()))
                .body(created.user());
    }

    @GetMapping
    Page<UserView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return users.list(cursor, Page.limit(limit));
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable UUID id) {
        return users.find(id).orElseThrow(UserException::notFound);
    }

    @PostMapping("/{id}/disable")
    UserView disable(@PathVariable UUID id) {
        return users.disable(id);
    }

    /** 200 with the account, or 202 with the request when a Vice President must approve. */
    @PostMapping("/{id}/enable")
    ResponseEntity<?> enable(@PathVariable UUID id) {
        return answer(users.enable(id));
    }

    /** 200 with the account, or 202 with the request when the change is to or from vp. */
    @PostMapping("/{id}/role")
    ResponseEntity<?> changeRole(@PathVariable UUID id, @RequestBody RoleChange request) {
        return answer(users.changeRole(id, request.role()));
    }

    /** 204, or 202 with the request for a Vice President's password. */
    @PostMapping("/{id}/password")
    ResponseEntity<?> changePassword(@PathVariable UUID id, @RequestBody PasswordChange request) {
        return users.changePassword(id, request.password())
                .<ResponseEntity<?>>map(UserApiController::accepted)
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    private static ResponseEntity<?> answer(AccountChange change) {
        return change.requested() ? accepted(change.request()) : ResponseEntity.ok(change.user());
    }

    private static ResponseEntity<AccountRequestView> accepted(AccountRequestView request) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/account-requests/" + request.id()))
                .body(request);
    }

    record PasswordChange(String password) {}

    record RoleChange(String role) {}
}
