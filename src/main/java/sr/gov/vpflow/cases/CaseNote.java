package sr.gov.vpflow.cases;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A note on a case (v1.2): appended in any state of the case, never changed or removed. A note
 * marked {@code vp_only} exists for the Vice President alone.
 */
public record CaseNote(
        UUID id,
        UUID caseId,
        String text,
        boolean vpOnly,
        UUID authorId,
        @Nullable String authorDisplayName,
        @Schema(allowableValues = {"vp", "secretary"}) String authorRole,
        OffsetDateTime createdAt) {}
