package sr.gov.vpflow.mail;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.ProblemException;
import sr.gov.vpflow.platform.Role;

/** Queues messages in the caller's transaction, audited without their content; shows the queue. */
@Service
public class MailQueue {

    static final String ENTITY = "mail";
    private static final Logger log = LoggerFactory.getLogger(MailQueue.class);

    private final MailOutbox outbox;
    private final AuditLog audit;

    MailQueue(MailOutbox outbox, AuditLog audit) {
        this.outbox = outbox;
        this.audit = audit;
    }

    /** Queues a message with the change that causes it: it is sent only if that change commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    UUID queue(NewMessage message) {
        UUID id = UUID.randomUUID();
        outbox.insert(id, message);
        AuditEvent event = AuditEvent.of("mail_queued", ENTITY, id)
                .with("kind", message.kind())
                .with("recipient", Addresses.mask(message.recipient()));
        if (message.appointmentId() != null) {
            event = event.with("appointment_id", message.appointmentId().toString());
        }
        if (message.calendarMethod() != null) {
            event = event.with("method", message.calendarMethod());
        }
        if (message.notice() != null) {
            event = event.with("notice", message.notice());
        }
        audit.record(event);
        log.info("mail {} ({}) queued", id, message.kind());
        return id;
    }

    /** The newest messages, for the administrator. */
    @Transactional(readOnly = true)
    public List<QueuedMail> recent(int limit) {
        requireAdmin();
        return outbox.queue(limit);
    }

    @Transactional(readOnly = true)
    public List<QueueCount> counts() {
        requireAdmin();
        return outbox.counts();
    }

    private static void requireAdmin() {
        if (ActorContext.current().map(Actor::role).orElse(null) != Role.ADMIN) {
            throw ProblemException.forbidden("forbidden", "The mail queue is for the administrator.");
        }
    }
}
