package sr.gov.vpflow.cases;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;

/** A note to add to a case: its text, and (the Vice President only) whether it is for him alone. */
public record NewCaseNote(
        @Schema(example = "Called the ministry; the answer comes next week.")
        String text,

        @Nullable @Schema(description = "The Vice President only: the note is invisible to the secretaries")
        Boolean vpOnly) {}
