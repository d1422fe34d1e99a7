package sr.gov.vpflow.mail;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's mail settings (README, "Mail"). Mail is off until a host is set: then nothing is
 * queued, so that no stale confirmation goes out the day a host is configured.
 *
 * @param host        the SMTP server; empty: mail is off; VPFLOW_MAIL_HOST
 * @param port        its port, 587 by default (submission with STARTTLS); VPFLOW_MAIL_PORT
 * @param from        the sender's address, also the organizer of invitations; VPFLOW_MAIL_FROM
 * @param username    the account to authenticate as; empty: no authentication; VPFLOW_MAIL_USERNAME
 * @param password    its password; VPFLOW_MAIL_PASSWORD
 * @param tls         {@code starttls} (required), {@code ssl} (TLS from the start, port 465) or
 *                    {@code off}; VPFLOW_MAIL_TLS
 * @param maxAttempts attempts before a message is given up (failed); VPFLOW_MAIL_MAX_ATTEMPTS
 * @param firstRetry  the wait after the first failed attempt, doubled after each further one;
 *                    VPFLOW_MAIL_FIRST_RETRY
 * @param sendEvery   how often each server looks for due messages
 * @param scheduling  {@code on}: this server sends and queues the daily mail on its own; {@code off}:
 *                    it only queues (tests drive the sender)
 * @param guestLanguage the language of guests' confirmations, {@code nl} or {@code en};
 *                    VPFLOW_MAIL_GUEST_LANGUAGE
 */
@ConfigurationProperties("vpflow.mail")
public record MailSettings(
        String host,
        Integer port,
        String from,
        String username,
        String password,
        String tls,
        Integer maxAttempts,
        Duration firstRetry,
        Duration sendEvery,
        String scheduling,
        String guestLanguage) {

    public MailSettings {
        host = host == null ? "" : host.strip();
        port = port == null ? 587 : port;
        from = from == null ? "" : from.strip();
        tls = tls == null || tls.isBlank() ? "starttls" : tls.strip().toLowerCase(Locale.ROOT);
        maxAttempts = maxAttempts == null ? 15 : maxAttempts;
        firstRetry = firstRetry == null ? Duration.ofMinutes(1) : firstRetry;
        sendEvery = sendEvery == null ? Duration.ofSeconds(15) : sendEvery;
        scheduling = scheduling == null || scheduling.isBlank() ? "on" : scheduling.strip();
        guestLanguage = guestLanguage == null || guestLanguage.isBlank()
                ? "nl"
                : guestLanguage.strip().toLowerCase(Locale.ROOT);
        if (!host.isEmpty()) {
            if (!from.matches("[^@\\s]+@[^@\\s]+")) {
                throw new IllegalArgumentException(
                        "VPFLOW_MAIL_FROM must be the sender's address (such as vp-flow@example.gov.sr) when"
                                + " VPFLOW_MAIL_HOST is set");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("VPFLOW_MAIL_PORT " + port + " is not a port (1 to 65535)");
            }
        }
        if (!tls.equals("starttls") && !tls.equals("ssl") && !tls.equals("off")) {
            throw new IllegalArgumentException("VPFLOW_MAIL_TLS '" + tls + "' is not starttls, ssl or off");
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("VPFLOW_MAIL_MAX_ATTEMPTS must be 1 to 50, not " + maxAttempts);
        }
        if (firstRetry.isNegative() || firstRetry.isZero()) {
            throw new IllegalArgumentException("VPFLOW_MAIL_FIRST_RETRY must be positive, such as PT1M");
        }
        if (!guestLanguage.equals("nl") && !guestLanguage.equals("en")) {
            throw new IllegalArgumentException("VPFLOW_MAIL_GUEST_LANGUAGE must be nl or en, not " + guestLanguage);
        }
    }

    /** Whether mail is on: a host is set. */
    public boolean enabled() {
        return !host.isEmpty();
    }

    boolean scheduled() {
        return enabled() && !"off".equalsIgnoreCase(scheduling);
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failed ones: doubling, at most a day. */
    Duration backoff(int attempts) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : wait;
    }

    @Override
    public String toString() {
        return "MailSettings[host=" + host + ", port=" + port + ", from=" + from + ", username=" + username
                + ", password=" + (password == null || password.isEmpty() ? "" : "(hidden)") + ", tls=" + tls
                + ", maxAttempts=" + maxAttempts + ", firstRetry=" + firstRetry + "]";
    }
}
