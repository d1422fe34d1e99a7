package sr.gov.vpflow.search;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.util.UUID;

/**
 * One record found: what it is, its name, a line that tells it apart, the page that shows it, and
 * for a document the place in its text where the words were found.
 *
 * @param snippetHtml the words found in {@code <mark>}, every other character escaped (documents only)
 */
public record SearchHit(
        @Schema(allowableValues = {"guest", "appointment", "case", "document"})
        String type,

        UUID id,
        String title,
        @Nullable String detail,
        String href,
        @Nullable String snippetHtml) {}
