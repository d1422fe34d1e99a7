package sr.gov.vpflow.mail;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;

/**
 * What a user receives by mail and where: the morning digest (for the Vice President), the
 * reminders of due cases (for secretaries), in Dutch or English. No address: no mail.
 */
public record MailPreferences(
        @Nullable String address,
        boolean dailyDigest,
        boolean dueReminders,
        @Schema(allowableValues = {"nl", "en"}) String language) {

    static MailPreferences none() {
        return new MailPreferences(null, false, false, "nl");
    }
}
