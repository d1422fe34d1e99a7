package sr.gov.vpflow.mail;

import java.util.UUID;

/** A message in the outbox as the sender reads it. */
record OutboxMessage(
        UUID id,
        String kind,
        String recipient,
        String subject,
        String body,
        String calendar,
        String calendarMethod,
        int attempts,
        UUID appointmentId,
        String notice) {

    /** The message with its text and invitation, written by the sender (a guest's confirmation). */
    OutboxMessage written(String subject, String body, String calendar, String calendarMethod) {
        return new OutboxMessage(
                id, kind, recipient, subject, body, calendar, calendarMethod, attempts, appointmentId, notice);
    }

    /** The address as the audit log and the administrator see it: its first letter and its domain. */
    String maskedRecipient() {
        return Addresses.mask(recipient);
    }
}
