package sr.gov.vpflow.users;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import sr.gov.vpflow.platform.web.ApiController;
import sr.gov.vpflow.platform.web.Refusal;

@Tag(name = "Account")
@ApiController("/api/v1/me")
class AccountApiController {

    private final AccessTokenService tokens;

    AccountApiController(AccessTokenService tokens) {
        this.tokens = tokens;
    }

    @ApiResponse(responseCode = "201", description = "The token, shown this once", useReturnTypeSchema = true)
    @Refusal(status = 403, codes = "password_required")
    @Operation(
            summary = "Make a personal access token",
            description = "Send it as 'Authorization: Bearer <token>'. The token is shown in this answer only; the"
                    + " database keeps its SHA-256. Made by a signed-in user or with the password (Basic), never"
                    + " with another token. 'expires_at' is optional.")
    @PostMapping("/tokens")
    ResponseEntity<NewAccessToken> create(@RequestBody NewTokenRequest request) {
        NewAccessToken made = tokens.create(request.name(), request.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + made.id()))
                .cacheControl(CacheControl.noStore())
                .body(made);
    }

    @Operation(summary = "The caller's personal access tokens that still work (never their secrets)")
    @GetMapping("/tokens")
    TokenList list() {
        return new TokenList(tokens.list(), null);
    }

    @ApiResponse(responseCode = "204", description = "Revoked")
    @Operation(summary = "Revoke one of the caller's personal access tokens; it stops working at once")
    @PostMapping("/tokens/{id}/revoke")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        tokens.revoke(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Whether the caller has a private calendar address, since when, when last read")
    @GetMapping("/feed")
    FeedView feed() {
        return tokens.feed();
    }

    @ApiResponse(responseCode = "201", description = "The new address, shown this once", useReturnTypeSchema = true)
    @Operation(
            summary = "Make a new private calendar address",
            description = "For a calendar program that cannot send a password. The old address stops working at"
                    + " once. The address is shown in this answer only.")
    @PostMapping("/feed/rotate")
    ResponseEntity<NewFeed> rotateFeed() {
        String token = tokens.rotateFeed();
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(CacheControl.noStore())
                .body(new NewFeed(feedAddress(token)));
    }

    /** The feed's address on the host the caller reached. */
    static String feedAddress(String token) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/feeds/{token}/agenda.ics")
                .buildAndExpand(token)
                .toUriString();
    }

    record NewTokenRequest(String name, OffsetDateTime expiresAt) {}

    record TokenList(List<AccessTokenView> items, @Nullable String nextCursor) {}

    record NewFeed(String url) {}
}
