package sr.gov.vpflow.users;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A change of the Vice President's power that the administrator filed and another Vice President
 * decides: {@code kind} is {@code activate} (a new or disabled vp account), {@code role_change}
 * (to or from vp; {@code new_role} says to what) or {@code password_reset}; {@code status} is
 * {@code pending}, {@code approved} or {@code rejected}. Never a password or its hash.
 */
public record AccountRequestView(
        UUID id,
        String kind,
        UUID userId,
        String username,
        String displayName,
        String accountRole,
        String newRole,
        String note,
        UUID requestedBy,
        String requestedByName,
        OffsetDateTime requestedAt,
        String status,
        UUID decidedBy,
        String decidedByName,
        OffsetDateTime decidedAt,
        String decisionReason) {

    public boolean pending() {
        return "pending".equals(status);
    }
}
