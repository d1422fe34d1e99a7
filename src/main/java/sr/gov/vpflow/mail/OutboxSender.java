package sr.gov.vpflow.mail;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;

/**
 * Sends due messages, one transaction each: the row is claimed with FOR UPDATE SKIP LOCKED and
 * stays locked while the SMTP server takes it, then it is marked sent (or retried later, or given
 * up after the last attempt) in the same transaction. Another server skips a locked row and finds
 * a sent one no longer due: each message is sent once. Only if a server dies between the SMTP
 * server's acceptance and the commit is a message sent again (with the same Message-ID).
 */
@Component
public class OutboxSender {

    /** The sender's operator token is named so; the database lets only it read the outbox. */
    static final String PURPOSE = "mail";

    static final String CHANNEL = "mail";

    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final MailOutbox outbox;
    private final SmtpTransport smtp;
    private final AuditLog audit;
    private final Operators operators;
    private final TransactionTemplate tx;
    private final MailSettings settings;
    private final GuestNotices notices;

    OutboxSender(
            MailOutbox outbox,
            SmtpTransport smtp,
            AuditLog audit,
            Operators operators,
            TransactionTemplate tx,
            MailSettings settings,
            GuestNotices notices) {
        this.notices = notices;
        this.outbox = outbox;
        this.smtp = smtp;
        this.audit = audit;
        this.operators = operators;
        this.tx = tx;
        this.settings = settings;
    }

    /** Sends the messages that are due now, at most a batch; returns how many were sent. */
    public int sendDue() {
        if (!settings.enabled()) {
            return 0;
        }
        int sent = 0;
        try (Operators.Operator sender = operators.open(Role.VP, CHANNEL, PURPOSE)) {
            for (int i = 0; i < BATCH; i++) {
                Optional<Boolean> outcome = ActorContext.callAs(sender.actor(), () -> tx.execute(s -> sendOne()));
                if (outcome == null || outcome.isEmpty()) {
                    break;
                }
                if (outcome.get()) {
                    sent++;
                }
            }
        }
        return sent;
    }

    /** Empty when nothing is due; true when a message was sent, false when its attempt failed. */
    private Optional<Boolean> sendOne() {
        Optional<OutboxMessage> claimed = outbox.claimDue();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        OutboxMessage message = claimed.get();
        int attempts = message.attempts() + 1;
        try {
            smtp.send("guest_confirmation".equals(message.kind()) ? notices.write(message) : message);
        } catch (Exception e) {
            String error = Addresses.withoutAddress(
                    e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()), message.recipient());
            if (attempts >= settings.maxAttempts()) {
                outbox.markFailed(message.id(), attempts, error);
                audit.record(event("mail_failed", message, attempts).with("error", error));
                log.warn("mail {} ({}) given up after {} attempts: {}", message.id(), message.kind(), attempts, error);
            } else {
                outbox.markRetry(message.id(), attempts, settings.backoff(attempts), error);
                log.info(
                        "mail {} ({}) attempt {} failed, retried later: {}",
                        message.id(),
                        message.kind(),
                        attempts,
                        error);
            }
            return Optional.of(false);
        }
        outbox.markSent(message.id(), attempts);
        audit.record(event("mail_sent", message, attempts));
        log.info("mail {} ({}) sent", message.id(), message.kind());
        return Optional.of(true);
    }

    private static AuditEvent event(String type, OutboxMessage message, int attempts) {
        return AuditEvent.of(type, MailQueue.ENTITY, message.id())
                .with("kind", message.kind())
                .with("recipient", message.maskedRecipient())
                .with("attempts", attempts);
    }
}
