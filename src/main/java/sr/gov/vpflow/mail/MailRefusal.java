package sr.gov.vpflow.mail;

import org.springframework.http.HttpStatus;
import sr.gov.vpflow.platform.ProblemException;

/** Why a message cannot be queued; the change that asked for it is refused with it. */
public class MailRefusal extends ProblemException {

    private MailRefusal(HttpStatus status, String code, String detail) {
        super(status, code, detail);
    }

    static MailRefusal mailOff() {
        return new MailRefusal(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "mail_off",
                "Mail is off on this server (VPFLOW_MAIL_HOST is not set): the guest cannot be notified.");
    }

    static MailRefusal requested() {
        return new MailRefusal(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "notify_requested",
                "A requested appointment holds no time yet: notify the guest when it is scheduled.");
    }

    static MailRefusal guestWithoutEmail() {
        return new MailRefusal(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "guest_without_email",
                "The guest has no e-mail address: add one to the guest or leave notify_guest off.");
    }
}
