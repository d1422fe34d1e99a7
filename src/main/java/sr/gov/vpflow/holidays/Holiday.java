package sr.gov.vpflow.holidays;

import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/** A public holiday: a day on which the office does not work, named in Dutch and English. */
public record Holiday(UUID id, LocalDate day, String nameNl, String nameEn) {

    /** The name in the reader's language: English for English, Dutch otherwise. */
    public String name(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameNl;
    }
}
