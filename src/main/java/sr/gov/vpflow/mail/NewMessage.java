package sr.gov.vpflow.mail;

import java.util.UUID;

/** A message to queue: a guest's confirmation (with its appointment) or a user's daily mail. */
record NewMessage(
        String kind,
        String recipient,
        UUID recipientUserId,
        UUID appointmentId,
        String language,
        String subject,
        String body,
        String calendar,
        String calendarMethod,
        String notice) {}
