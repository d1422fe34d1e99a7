package sr.gov.vpflow.users;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;

/** One of the user's recent sign-ins, refused ones included (why, as the audit log says). */
public record SignInView(
        OffsetDateTime at,
        boolean succeeded,
        @Nullable String channel,
        @Nullable String reason) {}
