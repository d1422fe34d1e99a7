package sr.gov.vpflow.mail;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.appointments.AppointmentNotice;
import sr.gov.vpflow.appointments.AppointmentService;
import sr.gov.vpflow.appointments.AppointmentView;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.guests.GuestView;
import sr.gov.vpflow.platform.OfficeTime;

/**
 * Queues a guest's confirmation when the office asks for it on a booking, a move or a
 * cancellation: synchronously, in the transaction of that change (not after its commit), so that
 * the message and the change are committed together or not at all. The confirmation is in the
 * office's guest language (VPFLOW_MAIL_GUEST_LANGUAGE) with an iCalendar invitation.
 */
@Component
class GuestNotices {

    private final MailQueue queue;
    private final MailSettings settings;
    private final AppointmentService appointments;
    private final GuestService guests;
    private final MessageSource messages;
    private final Clock clock;

    GuestNotices(
            MailQueue queue,
            MailSettings settings,
            AppointmentService appointments,
            GuestService guests,
            MessageSource messages,
            Clock clock) {
        this.queue = queue;
        this.settings = settings;
        this.appointments = appointments;
        this.guests = guests;
        this.messages = messages;
        this.clock = clock;
    }

    @EventListener
    void on(AppointmentNotice notice) {
        if (!settings.enabled()) {
            throw MailRefusal.mailOff();
        }
        AppointmentView appointment = appointments.get(notice.appointmentId());
        GuestView guest = guests.get(appointment.guestId());
        if (guest.email() == null || guest.email().isBlank()) {
            throw MailRefusal.guestWithoutEmail();
        }
        // a confirmation confirms a time: a request holds none (its scheduling notifies)
        if (appointment.state() == sr.gov.vpflow.appointments.AppointmentStatus.REQUESTED
                && notice.kind() != AppointmentNotice.Kind.CANCELLED) {
            throw MailRefusal.requested();
        }
        String kind = notice.kind().name().toLowerCase(Locale.ROOT);
        queue.queue(new NewMessage(
                "guest_confirmation",
                guest.email(),
                null,
                appointment.id(),
                settings.guestLanguage(),
                null,
                null,
                null,
                null,
                kind));
    }

    /**
     * Writes a queued confirmation, as the sender sends it: the notice's text in the office's
     * guest language and an invitation of the appointment as it is now (its UID and its version as
     * SEQUENCE), so that what the guest receives is never older than the agenda.
     */
    OutboxMessage write(OutboxMessage message) {
        AppointmentView appointment = appointments.get(message.appointmentId());
        GuestView guest = guests.get(appointment.guestId());
        String language = settings.guestLanguage();
        Locale locale = Locale.forLanguageTag(language);
        String kind = message.notice();
        DateTimeFormatter day = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale);
        var starts = appointment.startsAt().atZoneSameInstant(OfficeTime.ZONE);
        var ends = appointment.endsAt().atZoneSameInstant(OfficeTime.ZONE);
        String location =
                appointment.location() == null || appointment.location().isBlank()
                        ? messages.getMessage("mail.guest.location.none", null, locale)
                        : appointment.location();
        Object[] args = {
            guest.fullName(),
            appointment.subject(),
            day.format(starts),
            time.format(starts),
            time.format(ends),
            location
        };
        String subject = messages.getMessage("mail.guest." + kind + ".subject", args, locale);
        String body = messages.getMessage("mail.guest." + kind + ".body", args, locale);
        boolean cancelled = "cancelled".equals(kind);
        String calendar = Invitation.of(
                appointment,
                cancelled,
                messages.getMessage("mail.guest.summary", args, locale),
                null,
                settings.from(),
                message.recipient(),
                guest.fullName(),
                clock.instant());
        return message.written(subject, body, calendar, cancelled ? "CANCEL" : "REQUEST");
    }
}
