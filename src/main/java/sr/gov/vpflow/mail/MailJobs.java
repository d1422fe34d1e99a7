package sr.gov.vpflow.mail;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The server's own mail work, on Spring's scheduler: sending what is due every few seconds and
 * queueing the daily mail. Only when mail is on (a host is set), in the server (not the command
 * line), and unless VPFLOW_MAIL_SCHEDULING is off: tests drive {@link OutboxSender} and
 * {@link DailyMail} themselves.
 */
@Component
@EnableScheduling
@ConditionalOnExpression("'${vpflow.mail.host:}' != '' and '${vpflow.mail.scheduling:on}' != 'off'"
        + " and '${vpflow.mode:serve}' != 'cli'")
class MailJobs {

    private static final Logger log = LoggerFactory.getLogger(MailJobs.class);

    private final OutboxSender sender;
    private final DailyMail daily;
    private final Clock clock;

    MailJobs(OutboxSender sender, DailyMail daily, Clock clock) {
        this.sender = sender;
        this.daily = daily;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${vpflow.mail.send-every:PT15S}")
    void send() {
        try {
            sender.sendDue();
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next run tries again
            log.warn("sending mail failed: {}", e.getMessage());
        }
    }

    @Scheduled(initialDelayString = "PT10S", fixedDelayString = "PT1M")
    void queueDaily() {
        try {
            daily.queueFor(clock.instant());
        } catch (RuntimeException e) {
            log.warn("queueing the daily mail failed: {}", e.getMessage());
        }
    }
}
