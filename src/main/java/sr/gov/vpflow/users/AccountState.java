package sr.gov.vpflow.users;

import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What the administrator may have to act on for an account (V1_0_73): whether its person has
 * chosen a password yet, the activation link that still works ({@code new} or {@code reset}) and
 * until when, the lock after failed sign-ins, and whether a second factor is set up.
 */
record AccountState(
        UUID userId,
        boolean activated,
        @Nullable String linkPurpose,
        @Nullable OffsetDateTime linkExpiresAt,
        @Nullable OffsetDateTime lockedUntil,
        boolean secondFactor) {

    static AccountState unknown(UUID userId) {
        return new AccountState(userId, true, null, null, null, false);
    }

    public boolean awaitingActivation() {
        return !activated;
    }

    public boolean locked() {
        return lockedUntil != null;
    }
}
