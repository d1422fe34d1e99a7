package sr.gov.vpflow.users;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
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

        @Schema(allowableValues = {"activate", "role_change", "password_reset", "second_factor_reset"})
        String kind,

        @Nullable UUID userId,
        @Nullable String username,
        @Nullable String displayName,

        @Schema(allowableValues = {"vp", "secretary", "admin"}) @Nullable
        String accountRole,

        @Schema(allowableValues = {"vp", "secretary", "admin"}) @Nullable
        String newRole,

        @Nullable String note,
        @Nullable UUID requestedBy,
        @Nullable String requestedByName,
        OffsetDateTime requestedAt,

        @Schema(allowableValues = {"pending", "approved", "rejected"})
        String status,

        @Nullable UUID decidedBy,
        @Nullable String decidedByName,
        @Nullable OffsetDateTime decidedAt,
        @Nullable String decisionReason) {

    public boolean pending() {
        return "pending".equals(status);
    }
}
