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
        int attempts) {

    /** The address as the audit log and the administrator see it: its first letter and its domain. */
    String maskedRecipient() {
        return Addresses.mask(recipient);
    }
}
