package sr.gov.vpflow.holidays;

import io.swagger.v3.oas.annotations.media.Schema;

/** A holiday to enter: its day ({@code YYYY-MM-DD}) and its name in Dutch and English. */
public record NewHoliday(
        @Schema(example = "2026-11-25", format = "date") String day,
        @Schema(example = "Srefidensi") String nameNl,
        @Schema(example = "Independence Day") String nameEn) {}
