package sr.gov.vpflow.mail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.appointments.AppointmentService;
import sr.gov.vpflow.appointments.AppointmentView;
import sr.gov.vpflow.cases.CaseService;
import sr.gov.vpflow.cases.CaseView;
import sr.gov.vpflow.guests.GuestService;
import sr.gov.vpflow.guests.GuestView;
import sr.gov.vpflow.holidays.HolidayService;
import sr.gov.vpflow.holidays.WorkingDayCalendar;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.Operators;

/**
 * The daily mail of a working day, from 07:00 Paramaribo time: the Vice President's digest (the
 * day's agenda and the cases awaiting a decision) and the secretaries' reminders (cases due within
 * two working days and overdue ones). Each kind is queued once per day whatever the number of
 * servers: the day's round is claimed (a row per kind and day) in the transaction that queues it.
 * A server that was down at 07:00 queues the day's mail when it runs again that day.
 */
@Component
public class DailyMail {

    static final LocalTime FROM = LocalTime.of(7, 0);
    static final String DIGEST = "vp_digest";
    static final String REMINDER = "due_reminder";
    private static final int MAX_CASES = 200;
    private static final Set<String> ON_THE_AGENDA = Set.of("scheduled", "arrived", "completed");
    private static final Logger log = LoggerFactory.getLogger(DailyMail.class);

    private final MailQueue queue;
    private final MailOutbox outbox;
    private final MailSettings settings;
    private final Operators operators;
    private final TransactionTemplate tx;
    private final AppointmentService appointments;
    private final GuestService guests;
    private final CaseService cases;
    private final HolidayService holidays;
    private final MessageSource messages;

    DailyMail(
            MailQueue queue,
            MailOutbox outbox,
            MailSettings settings,
            Operators operators,
            TransactionTemplate tx,
            AppointmentService appointments,
            GuestService guests,
            CaseService cases,
            HolidayService holidays,
            MessageSource messages) {
        this.queue = queue;
        this.outbox = outbox;
        this.settings = settings;
        this.operators = operators;
        this.tx = tx;
        this.appointments = appointments;
        this.guests = guests;
        this.cases = cases;
        this.holidays = holidays;
        this.messages = messages;
    }

    /**
     * Queues the daily mail of the office day of {@code now}, if it is a working day, it is 07:00
     * or later there, and no server queued it yet. Returns how many messages it queued.
     */
    public int queueFor(Instant now) {
        if (!settings.enabled()) {
            return 0;
        }
        ZonedDateTime local = now.atZone(OfficeTime.ZONE);
        if (local.toLocalTime().isBefore(FROM)) {
            return 0;
        }
        LocalDate day = local.toLocalDate();
        try (Operators.Operator sender = operators.open(Role.VP, OutboxSender.CHANNEL, OutboxSender.PURPOSE)) {
            return ActorContext.callAs(sender.actor(), () -> {
                WorkingDayCalendar calendar = holidays.calendar(day, day.plusDays(30));
                if (!calendar.isWorkingDay(day)) {
                    return 0;
                }
                Integer digests = tx.execute(s -> round(DIGEST, day, language -> digest(day, language)));
                Integer reminders = tx.execute(s ->
                        round(REMINDER, day, language -> reminder(day, calendar.plusWorkingDays(day, 2), language)));
                return digests + reminders;
            });
        }
    }

    private int round(String kind, LocalDate day, java.util.function.Function<Locale, String[]> content) {
        if (!outbox.claimRound(kind, day)) {
            return 0;
        }
        List<MailOutbox.Recipient> recipients = outbox.recipients(kind);
        Map<String, String[]> byLanguage = recipients.stream()
                .map(MailOutbox.Recipient::language)
                .distinct()
                .collect(Collectors.toMap(l -> l, l -> content.apply(Locale.forLanguageTag(l))));
        for (MailOutbox.Recipient r : recipients) {
            String[] text = byLanguage.get(r.language());
            queue.queue(new NewMessage(
                    kind, r.address(), r.userId(), null, r.language(), text[0], text[1], null, null, null));
        }
        log.info("daily mail {} of {} queued for {} recipients", kind, day, recipients.size());
        return recipients.size();
    }

    private String[] digest(LocalDate day, Locale locale) {
        ZonedDateTime start = day.atStartOfDay(OfficeTime.ZONE);
        List<AppointmentView> agenda =
                appointments.between(start.toOffsetDateTime(), start.plusDays(1).toOffsetDateTime()).stream()
                        .filter(a -> ON_THE_AGENDA.contains(a.status()))
                        .toList();
        Map<UUID, GuestView> names =
                guests.findAll(agenda.stream().map(AppointmentView::guestId).collect(Collectors.toSet()));
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm", locale);
        StringBuilder body = new StringBuilder();
        body.append(text("mail.digest.greeting", locale, dayName(day, locale))).append("\n\n");
        body.append(text("mail.digest.agenda", locale)).append('\n');
        if (agenda.isEmpty()) {
            body.append(text("mail.digest.agenda.none", locale)).append('\n');
        }
        for (AppointmentView a : agenda) {
            GuestView guest = names.get(a.guestId());
            body.append(time.format(a.startsAt().atZoneSameInstant(OfficeTime.ZONE)))
                    .append('–')
                    .append(time.format(a.endsAt().atZoneSameInstant(OfficeTime.ZONE)))
                    .append("  ")
                    .append(a.subject());
            if (guest != null) {
                body.append(" (").append(guest.displayName()).append(')');
            }
            if (a.location() != null && !a.location().isBlank()) {
                body.append(", ").append(a.location());
            }
            body.append('\n');
        }
        body.append('\n').append(text("mail.digest.decisions", locale)).append('\n');
        List<CaseView> waiting = cases.forDecision(MAX_CASES);
        if (waiting.isEmpty()) {
            body.append(text("mail.digest.decisions.none", locale)).append('\n');
        }
        waiting.forEach(c -> body.append(caseLine(c, locale)));
        body.append('\n').append(text("mail.signature", locale)).append('\n');
        return new String[] {text("mail.digest.subject", locale, dayName(day, locale)), body.toString()};
    }

    private String[] reminder(LocalDate day, LocalDate until, Locale locale) {
        List<CaseView> due = cases.due(null, until, MAX_CASES);
        StringBuilder body = new StringBuilder();
        body.append(text("mail.reminder.intro", locale, dayName(until, locale))).append("\n\n");
        List<CaseView> overdue =
                due.stream().filter(c -> c.dueDate().isBefore(day)).toList();
        List<CaseView> soon =
                due.stream().filter(c -> !c.dueDate().isBefore(day)).toList();
        body.append(text("mail.reminder.overdue", locale)).append('\n');
        if (overdue.isEmpty()) {
            body.append(text("mail.reminder.none", locale)).append('\n');
        }
        overdue.forEach(c -> body.append(caseLine(c, locale)));
        body.append('\n').append(text("mail.reminder.soon", locale)).append('\n');
        if (soon.isEmpty()) {
            body.append(text("mail.reminder.none", locale)).append('\n');
        }
        soon.forEach(c -> body.append(caseLine(c, locale)));
        body.append('\n').append(text("mail.signature", locale)).append('\n');
        return new String[] {text("mail.reminder.subject", locale, dayName(day, locale), due.size()), body.toString()};
    }

    private String caseLine(CaseView c, Locale locale) {
        String line = c.reference() + "  " + c.title();
        if (c.dueDate() != null) {
            line += "  ("
                    + text(
                            "mail.case.due",
                            locale,
                            DateTimeFormatter.ofPattern("d MMMM yyyy", locale).format(c.dueDate()))
                    + ")";
        }
        return line + '\n';
    }

    private static String dayName(LocalDate day, Locale locale) {
        return DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", locale).format(day);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
