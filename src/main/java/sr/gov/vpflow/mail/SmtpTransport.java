package sr.gov.vpflow.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Hands a message to the SMTP server of VPFLOW_MAIL_HOST through Spring's mail support. A message
 * with an invitation is multipart/alternative: the text, and the text/calendar part with its
 * method, which calendar programs offer to accept.
 */
@Component
class SmtpTransport {

    private static final int TIMEOUT_MS = 30_000;

    private final MailSettings settings;
    private final JavaMailSenderImpl sender;

    SmtpTransport(MailSettings settings) {
        this.settings = settings;
        this.sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        boolean ssl = settings.tls().equals("ssl");
        sender.setProtocol(ssl ? "smtps" : "smtp");
        String prefix = ssl ? "mail.smtps." : "mail.smtp.";
        Properties p = new Properties();
        if (settings.username() != null && !settings.username().isBlank()) {
            sender.setUsername(settings.username());
            sender.setPassword(settings.password());
            p.setProperty(prefix + "auth", "true");
        }
        if (settings.tls().equals("starttls")) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        if (!settings.tls().equals("off")) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        p.setProperty(prefix + "connectiontimeout", Integer.toString(TIMEOUT_MS));
        p.setProperty(prefix + "timeout", Integer.toString(TIMEOUT_MS));
        p.setProperty(prefix + "writetimeout", Integer.toString(TIMEOUT_MS));
        sender.setJavaMailProperties(p);
    }

    /** Sends the message; a refusal or an unreachable server is an exception with the server's words. */
    void send(OutboxMessage message) throws MessagingException, MailException {
        MimeMessage mime = new OutboxMimeMessage(sender.getSession(), message.id() + "@vpflow");
        mime.setFrom(new InternetAddress(settings.from()));
        mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(message.recipient()));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        if (message.calendar() == null) {
            mime.setText(message.body(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.body(), StandardCharsets.UTF_8.name());
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setContent(message.calendar(), "text/calendar; charset=UTF-8; method=" + message.calendarMethod());
            calendar.setHeader("Content-Transfer-Encoding", "8bit");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(calendar);
            mime.setContent(alternative);
        }
        sender.send(mime);
    }

    /** Keeps one Message-ID per outbox row, so that a receiver can tell a repeated delivery. */
    private static final class OutboxMimeMessage extends MimeMessage {

        private final String messageId;

        OutboxMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
