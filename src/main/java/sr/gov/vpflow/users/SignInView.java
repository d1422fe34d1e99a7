package sr.gov.vpflow.users;

import java.time.OffsetDateTime;

/** One of the user's recent sign-ins, refused ones included (why, as the audit log says). */
public record SignInView(OffsetDateTime at, boolean succeeded, String channel, String reason) {}
