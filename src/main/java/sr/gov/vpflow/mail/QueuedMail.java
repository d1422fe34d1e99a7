package sr.gov.vpflow.mail;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A message as the administrator sees it: no subject, no body, the address masked. */
public record QueuedMail(
        UUID id,
        String kind,
        String recipient,
        String state,
        int attempts,
        OffsetDateTime nextAttemptAt,
        String lastError,
        OffsetDateTime queuedAt,
        OffsetDateTime sentAt,
        OffsetDateTime failedAt) {}
