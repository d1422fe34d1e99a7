package sr.gov.vpflow.users;

import java.net.URI;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import sr.gov.vpflow.platform.Page;
import sr.gov.vpflow.platform.web.ApiController;

@ApiController("/api/v1/users")
class UserApiController {

    private final UserService users;
    private final String publicUrl;

    UserApiController(UserService users, @Value("${vpflow.public-url:}") String publicUrl) {
        this.users = users;
        this.publicUrl = publicUrl;
    }

    /**
     * 201 with the account and its activation link (shown once: the person chooses their own
     * password on it); for a vp account (other than the operator's first) 202 with the request
     * for its activation too: the account exists, disabled, until a Vice President approves.
     */
    @PostMapping
    ResponseEntity<AccountInvitation> create(@RequestBody NewUser request) {
        AccountInvitation created = users.invite(request, baseUrl());
        if (created.requested()) {
            return ResponseEntity.accepted()
                    .location(URI.create(
                            "/api/v1/account-requests/" + created.request().id()))
                    .header("Cache-Control", "no-store")
                    .body(created);
        }
        return ResponseEntity.created(
                        URI.create("/api/v1/users/" + created.user().id()))
                .header("Cache-Control", "no-store")
                .body(created);
    }

    /**
     * A new activation link for an account whose owner lost the password (200); for a Vice
     * President's 202 with the request: the link works once another Vice President approves.
     */
    @PostMapping("/{id}/reset")
    ResponseEntity<AccountInvitation> reset(@PathVariable UUID id) {
        AccountInvitation reset = users.reset(id, baseUrl());
        return (reset.requested() ? ResponseEntity.accepted() : ResponseEntity.ok())
                .header("Cache-Control", "no-store")
                .body(reset);
    }

    /** 200 with the account, or 202 with the request for a Vice President's. */
    @PostMapping("/{id}/second-factor/reset")
    ResponseEntity<?> resetSecondFactor(@PathVariable UUID id) {
        return answer(users.resetSecondFactor(id));
    }

    /** VPFLOW_PUBLIC_URL when set, else the address this request came to. */
    private String baseUrl() {
        return publicUrl.isBlank()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
                : publicUrl.replaceAll("/+$", "");
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

    private static ResponseEntity<?> answer(AccountChange change) {
        return change.requested() ? accepted(change.request()) : ResponseEntity.ok(change.user());
    }

    private static ResponseEntity<AccountRequestView> accepted(AccountRequestView request) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/account-requests/" + request.id()))
                .body(request);
    }

    record RoleChange(String role) {}
}
