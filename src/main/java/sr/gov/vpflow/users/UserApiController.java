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

    @PostMapping
    ResponseEntity<UserView> create(@RequestBody NewUser request) {
        UserView created = users.create(request);
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id()))
                .body(created);
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

    @PostMapping("/{id}/password")
    ResponseEntity<Void> changePassword(@PathVariable UUID id, @RequestBody PasswordChange request) {
        users.changePassword(id, request.password());
        return ResponseEntity.noContent().build();
    }

    record PasswordChange(String password) {}
}
