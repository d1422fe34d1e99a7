package sr.gov.vpflow.users;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An account as shown to administrators and in the API; never the password hash. */
public record UserView(
        UUID id,
        String username,
        String displayName,

        @Schema(allowableValues = {"vp", "secretary", "admin"})
        String role,

        boolean isActive,
        OffsetDateTime createdAt) {}
