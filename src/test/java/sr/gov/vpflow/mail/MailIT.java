package sr.gov.vpflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.appointments.Slots;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.platform.db.OwnerDatabase;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.StandaloneApplication;
import sr.gov.vpflow.support.TestAccounts;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * Mail against a real SMTP server (GreenMail) and the real database: guests' confirmations with
 * invitations that a calendar parser reads, the outbox's transaction, restart, concurrency and
 * retries, and the daily mail once per working day.
 */
class MailIT {

    private static final String FROM = "vp-flow@kabinet.example.sr";

    private static int smtpPort;
    private static GreenMail smtp;
    private static ConfigurableApplicationContext app;
    private static Path dataDir;

    private Api api;
    private TestAccounts accounts;
    private JdbcClient owner;
    private Account secretary;

    @BeforeAll
    static void start() throws IOException {
        smtpPort = freePort();
        smtp = startSmtp();
        dataDir = IntegrationTest.preparedDataDir("mail");
        app = startApp(dataDir, smtpPort);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @BeforeEach
    void arrange() throws Exception {
        if (!smtp.isRunning()) {
            smtp = startSmtp();
        }
        smtp.purgeEmailFromAllMailboxes();
        use(app);
        secretary = accounts.create(Role.SECRETARY);
    }

    @AfterEach
    void leaveNothingDue() {
        // a test's left-over messages must not be sent in the next one
        owner.sql("UPDATE mail_outbox SET state = 'failed', failed_at = now() WHERE state = 'queued'")
                .update();
    }

    private void use(ConfigurableApplicationContext context) {
        api = new Api("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
        accounts = TestAccounts.of(context);
        owner = JdbcClient.create(context.getBean(OwnerDatabase.class).dataSource());
    }

    static ConfigurableApplicationContext startApp(Path dir, int port) {
        return startApp(dir, port, false);
    }

    /** Scheduled: the server sends on its own, every second; otherwise the test drives the sender. */
    static ConfigurableApplicationContext startApp(Path dir, int port, boolean scheduled) {
        List<String> properties = new ArrayList<>(List.of(
                "vpflow.mail.host=127.0.0.1",
                "vpflow.mail.port=" + port,
                "vpflow.mail.from=" + FROM,
                "vpflow.mail.tls=off",
                "vpflow.mail.scheduling=" + (scheduled ? "on" : "off"),
                "vpflow.mail.send-every=PT1S",
                "vpflow.mail.first-retry=PT5S",
                "vpflow.mail.max-attempts=3"));
        return StandaloneApplication.start(dir, true, properties.toArray(String[]::new));
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private UUID guest(String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("full_name", "Gast " + UUID.randomUUID().toString().substring(0, 8));
        if (email != null) {
            body.put("email", email);
        }
        Response created = api.post("/api/v1/guests", secretary, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private Response book(UUID guest, Slots.Slot slot, boolean notify) {
        return api.post(
                "/api/v1/appointments",
                secretary,
                Map.of(
                        "guest_id",
                        guest,
                        "subject",
                        "Kennismaking",
                        "location",
                        "Kabinet, Paramaribo",
                        "starts_at",
                        slot.start().toString(),
                        "ends_at",
                        slot.end().toString(),
                        "notify_guest",
                        notify));
    }

    private long outbox(String where) {
        return owner.sql("SELECT count(*) FROM mail_outbox WHERE " + where)
                .query(Long.class)
                .single();
    }

    private int sendDue(ConfigurableApplicationContext context) {
        return context.getBean(OutboxSender.class).sendDue();
    }

    private static Calendar invitation(MimeMessage message) throws Exception {
        MimeMultipart parts = (MimeMultipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getContentType().toLowerCase().startsWith("text/calendar")) {
                try (InputStream in = part.getInputStream()) {
                    return new CalendarBuilder().build(in);
                }
            }
        }
        throw new AssertionError("no text/calendar part in " + message.getContentType());
    }

    private static String value(Calendar calendar, String name) {
        return calendar.getProperty(name).map(Property::getValue).orElse(null);
    }

    private static String eventValue(Calendar calendar, String name) {
        VEvent event = (VEvent) calendar.getComponent(Component.VEVENT).orElseThrow();
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }

    @Test
    void aGuestGetsAConfirmationWithAnInvitationThatEachChangeUpdatesAndTheCancellationWithdraws() throws Exception {
        String email = "gast-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr";
        UUID guest = guest(email);
        Response booked = book(guest, Slots.future(), true);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().get("id").asString();
        assertThat(outbox("appointment_id = '" + id + "' AND state = 'queued'")).isOne();
        assertThat(smtp.getReceivedMessages())
                .as("nothing goes out before the sender runs")
                .isEmpty();

        assertThat(sendDue(app)).isOne();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(email);
        assertThat(received[0].getSubject()).startsWith("Bevestiging van uw afspraak");
        Calendar request = invitation(received[0]);
        assertThat(value(request, Property.METHOD)).isEqualTo("REQUEST");
        assertThat(eventValue(request, Property.UID)).isEqualTo(id + "@vpflow");
        int firstSequence = Integer.parseInt(eventValue(request, Property.SEQUENCE));
        assertThat(firstSequence).isEqualTo(booked.json().get("version").asInt());
        assertThat(eventValue(request, Property.ORGANIZER)).isEqualToIgnoringCase("mailto:" + FROM);
        assertThat(eventValue(request, Property.ATTENDEE)).isEqualToIgnoringCase("mailto:" + email);
        assertThat(sendDue(app)).as("sent once").isZero();

        Slots.Slot later = Slots.future();
        Response moved = api.post(
                "/api/v1/appointments/" + id + "/reschedule",
                secretary,
                Map.of(
                        "starts_at", later.start().toString(),
                        "ends_at", later.end().toString(),
                        "reason", "Agenda van de VP gewijzigd",
                        "version", booked.json().get("version").asInt(),
                        "notify_guest", true));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(sendDue(app)).isOne();
        Calendar update = invitation(smtp.getReceivedMessages()[1]);
        assertThat(value(update, Property.METHOD)).isEqualTo("REQUEST");
        assertThat(eventValue(update, Property.UID)).isEqualTo(id + "@vpflow");
        int secondSequence = Integer.parseInt(eventValue(update, Property.SEQUENCE));
        assertThat(secondSequence).isGreaterThan(firstSequence);

        Response cancelled = api.post(
                "/api/v1/appointments/" + id + "/cancel",
                secretary,
                Map.of("reason", "De VP is op dienstreis", "notify_guest", true));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(sendDue(app)).isOne();
        MimeMessage cancellation = smtp.getReceivedMessages()[2];
        assertThat(cancellation.getContentType()).isNotNull();
        Calendar cancel = invitation(cancellation);
        assertThat(value(cancel, Property.METHOD)).isEqualTo("CANCEL");
        assertThat(eventValue(cancel, Property.UID)).isEqualTo(id + "@vpflow");
        assertThat(Integer.parseInt(eventValue(cancel, Property.SEQUENCE))).isGreaterThan(secondSequence);
        assertThat(eventValue(cancel, Property.STATUS)).isEqualTo("CANCELLED");

        // each message audited as queued and sent, with a masked address and none of its content
        List<String> audited = owner.sql("""
                        SELECT l.event_type || ' ' || l.details::text FROM audit_logs l
                        WHERE l.entity_type = 'mail' AND l.entity_id IN (
                            SELECT m.id FROM mail_outbox m WHERE m.appointment_id = :id)
                        ORDER BY l.seq""")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .list();
        assertThat(audited).hasSize(6);
        assertThat(audited).filteredOn(e -> e.startsWith("mail_queued")).hasSize(3);
        assertThat(audited).filteredOn(e -> e.startsWith("mail_sent")).hasSize(3);
        assertThat(String.join("\n", audited))
                .doesNotContain(email)
                .doesNotContain("Kennismaking")
                .contains(email.charAt(0) + "***@example.sr");
    }

    @Test
    void notifyingAGuestWithoutAnAddressIsRefusedAndChangesNothing() {
        UUID guest = guest(null);
        long appointments = owner.sql("SELECT count(*) FROM appointments WHERE guest_id = :g")
                .param("g", guest)
                .query(Long.class)
                .single();
        Response refused = book(guest, Slots.future(), true);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("guest_without_email");
        assertThat(owner.sql("SELECT count(*) FROM appointments WHERE guest_id = :g")
                        .param("g", guest)
                        .query(Long.class)
                        .single())
                .isEqualTo(appointments);
        // without the tick the same booking goes through and sends nothing
        Response booked = book(guest, Slots.future(), false);
        assertThat(booked.status()).isEqualTo(201);
        assertThat(outbox("appointment_id = '" + booked.json().get("id").asString() + "'"))
                .isZero();
    }

    @Test
    void aRequestIsNotConfirmedButItsSchedulingIs() throws Exception {
        UUID guest = guest("verzoek-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr");
        Slots.Slot slot = Slots.future();
        Map<String, Object> request = new java.util.HashMap<>(Map.of(
                "guest_id",
                guest,
                "subject",
                "Verzoek",
                "starts_at",
                slot.start().toString(),
                "ends_at",
                slot.end().toString(),
                "status",
                "requested",
                "notify_guest",
                true));
        Response refused = api.post("/api/v1/appointments", secretary, request);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("notify_requested");
        request.put("notify_guest", false);
        Response requested = api.post("/api/v1/appointments", secretary, request);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        String id = requested.json().get("id").asString();
        assertThat(outbox("appointment_id = '" + id + "'")).isZero();

        Response scheduled =
                api.post("/api/v1/appointments/" + id + "/schedule", secretary, Map.of("notify_guest", true));
        assertThat(scheduled.status()).as(scheduled.toString()).isEqualTo(200);
        assertThat(sendDue(app)).isOne();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        Calendar invitation = invitation(received[0]);
        assertThat(value(invitation, Property.METHOD)).isEqualTo("REQUEST");
        assertThat(eventValue(invitation, Property.UID)).isEqualTo(id + "@vpflow");
        assertThat(eventValue(invitation, Property.SEQUENCE))
                .isEqualTo(Integer.toString(scheduled.json().get("version").asInt()));
    }

    @Test
    void nothingIsQueuedForAChangeThatRollsBack() {
        UUID guest = guest("overlap-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr");
        Slots.Slot slot = Slots.future();
        assertThat(book(guest, slot, false).status()).isEqualTo(201);
        long before = outbox("true");
        long audited = owner.sql("SELECT count(*) FROM audit_logs WHERE event_type = 'mail_queued'")
                .query(Long.class)
                .single();
        // the guest's message is queued in the booking's transaction, before the overlap refuses it
        Response overlap = book(guest, slot, true);
        assertThat(overlap.status()).as(overlap.toString()).isEqualTo(409);
        assertThat(outbox("true")).isEqualTo(before);
        assertThat(owner.sql("SELECT count(*) FROM audit_logs WHERE event_type = 'mail_queued'")
                        .query(Long.class)
                        .single())
                .isEqualTo(audited);
        assertThat(sendDue(app)).isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void onThePageTheTickQueuesTheConfirmationAndAGuestWithoutAnAddressGetsAReadableMessage() {
        PageSession page = PageSession.signIn(api.base(), secretary);
        Slots.Slot slot = Slots.future();
        Map<String, String> form = new HashMap<>(Map.of(
                "subject", "Via de pagina",
                "date",
                        slot.start()
                                .atZoneSameInstant(OfficeTime.ZONE)
                                .toLocalDate()
                                .toString(),
                "start", "10:00",
                "end", "11:00",
                "status", "scheduled",
                "notifyGuest", "true"));
        UUID without = guest(null);
        form.put("guestId", without.toString());
        Response refused = page.post("/appointments", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("De gast heeft geen e-mailadres");
        assertThat(outbox("appointment_id IN (SELECT id FROM appointments WHERE guest_id = '" + without + "')"))
                .isZero();

        String email = "pagina-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr";
        form.put("guestId", guest(email).toString());
        Response booked = page.post("/appointments", form);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(302);
        assertThat(outbox("recipient = '" + email + "' AND kind = 'guest_confirmation' AND state = 'queued'"))
                .isOne();
    }

    @Test
    void twoSendersAtTheSameTimeSendEachMessageOnce() throws Exception {
        UUID guest = guest("druk-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr");
        int messages = 12;
        for (int i = 0; i < messages; i++) {
            assertThat(book(guest, Slots.future(), true).status()).isEqualTo(201);
        }
        OutboxSender sender = app.getBean(OutboxSender.class);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                runs.add(pool.submit((Callable<Integer>) sender::sendDue));
            }
            int sent = 0;
            for (Future<Integer> run : runs) {
                sent += run.get();
            }
            assertThat(sent).isEqualTo(messages);
        } finally {
            pool.shutdownNow();
        }
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(messages);
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : received) {
            ids.add(m.getMessageID());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(outbox("state = 'sent' AND attempts = 1 AND recipient LIKE 'druk-%'"))
                .isEqualTo(messages);
    }

    @Test
    void aRefusedMessageIsRetriedWithBackoffAndGivenUpAfterTheLastAttempt() throws Exception {
        UUID guest = guest("retry-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr");
        String id = book(guest, Slots.future(), true).json().get("id").asString();
        smtp.stop();
        assertThat(sendDue(app)).isZero();
        Map<String, Object> first =
                owner.sql("""
                        SELECT state, attempts, last_error, next_attempt_at > now() AS later FROM mail_outbox
                        WHERE appointment_id = :id""").param("id", UUID.fromString(id)).query().singleRow();
        assertThat(first.get("state")).isEqualTo("queued");
        assertThat(first.get("attempts")).isEqualTo(1);
        assertThat((String) first.get("last_error")).isNotBlank();
        assertThat(first.get("later")).as("the next attempt waits").isEqualTo(true);
        assertThat(sendDue(app)).as("not due yet").isZero();

        // the wait has passed
        owner.sql("UPDATE mail_outbox SET next_attempt_at = now() WHERE appointment_id = :id AND state = 'queued'")
                .param("id", UUID.fromString(id))
                .update();
        smtp = startSmtp();
        assertThat(sendDue(app)).isOne();
        assertThat(owner.sql("SELECT state || ' ' || attempts FROM mail_outbox WHERE appointment_id = :id")
                        .param("id", UUID.fromString(id))
                        .query(String.class)
                        .single())
                .isEqualTo("sent 2");
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        // a server that keeps refusing: three attempts (the maximum), then failed and audited
        String other = book(guest, Slots.future(), true).json().get("id").asString();
        smtp.stop();
        for (int attempt = 0; attempt < 3; attempt++) {
            owner.sql("UPDATE mail_outbox SET next_attempt_at = now() WHERE appointment_id = :id AND state = 'queued'")
                    .param("id", UUID.fromString(other))
                    .update();
            sendDue(app);
        }
        Map<String, Object> failed = owner.sql(
                        "SELECT id, state, attempts, failed_at IS NOT NULL AS dated FROM mail_outbox WHERE appointment_id = :id")
                .param("id", UUID.fromString(other))
                .query()
                .singleRow();
        assertThat(failed.get("state")).isEqualTo("failed");
        assertThat(failed.get("attempts")).isEqualTo(3);
        assertThat(failed.get("dated")).isEqualTo(true);
        assertThat(owner.sql("SELECT count(*) FROM audit_logs WHERE event_type = 'mail_failed' AND entity_id = :id")
                        .param("id", failed.get("id"))
                        .query(Long.class)
                        .single())
                .isOne();
        smtp = startSmtp();
        // a message given up stays so: the database refuses to queue it again, even for its owner
        assertThatThrownBy(() -> owner.sql("UPDATE mail_outbox SET next_attempt_at = now() WHERE appointment_id = :id")
                        .param("id", UUID.fromString(other))
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("failed already");
        assertThat(sendDue(app)).as("a failed message is not sent again").isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void theOutboxKeepsAMessageThroughAStopAndTheNextServerSendsItOnce() throws Exception {
        Path dir = IntegrationTest.preparedDataDir("mail-restart");
        int nowhere = freePort();
        String email = "herstart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr";
        ConfigurableApplicationContext first = startApp(dir, nowhere);
        String id;
        try {
            use(first);
            secretary = accounts.create(Role.SECRETARY);
            id = book(guest(email), Slots.future(), true).json().get("id").asString();
            assertThat(outbox("appointment_id = '" + id + "' AND state = 'queued'"))
                    .isOne();
        } finally {
            // the server stops before it sent anything
            first.close();
        }
        // the next server sends it on its own schedule, once
        ConfigurableApplicationContext second = startApp(dir, smtpPort, true);
        try {
            use(second);
            assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
            Thread.sleep(2_500);
            assertThat(sendDue(second)).isZero();
            assertThat(outbox("appointment_id = '" + id + "' AND state = 'sent' AND attempts = 1"))
                    .isOne();
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(1);
            assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(email);
            assertThat(eventValue(invitation(received[0]), Property.UID)).isEqualTo(id + "@vpflow");
        } finally {
            second.close();
            use(app);
        }
    }

    @Test
    void theDigestAndTheRemindersAreQueuedOnceAWorkingDayFromSevenAndNeverOnAHolidayOrAWeekend() throws Exception {
        Account vp = accounts.create(Role.VP);
        String vpAddress = "vp-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr";
        String secretaryAddress = "secr-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr";
        assertThat(api.put("/api/v1/me/mail", vp, Map.of("address", vpAddress, "daily_digest", true))
                        .status())
                .isEqualTo(200);
        Response own = api.put(
                "/api/v1/me/mail",
                secretary,
                Map.of("address", secretaryAddress, "due_reminders", true, "language", "en"));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/me/mail", secretary).json().get("language").asString())
                .isEqualTo("en");

        // a case marked for decision and one overdue
        Response decision = api.post("/api/v1/cases", secretary, Map.of("title", "Besluit over subsidie"));
        String decisionRef = decision.json().get("reference").asString();
        assertThat(api.post("/api/v1/cases/" + decision.json().get("id").asString() + "/decision", secretary, Map.of())
                        .status())
                .isEqualTo(200);
        Response overdue = api.post("/api/v1/cases", secretary, Map.of("title", "Te laat dossier"));
        String overdueRef = overdue.json().get("reference").asString();
        owner.sql("UPDATE cases SET due_date = DATE '2027-03-01' WHERE id = :id")
                .param("id", UUID.fromString(overdue.json().get("id").asString()))
                .update();

        DailyMail daily = app.getBean(DailyMail.class);
        LocalDate holiday = owner.sql("""
                        SELECT day FROM holidays WHERE removed_at IS NULL AND day > DATE '2027-03-10'
                          AND extract(isodow FROM day) BETWEEN 1 AND 5 ORDER BY day LIMIT 1""").query(LocalDate.class).single();
        LocalDate saturday = LocalDate.of(2027, 3, 13);
        LocalDate monday = LocalDate.of(2027, 3, 15);
        assertThat(daily.queueFor(at(holiday, 7, 30))).as("a holiday").isZero();
        assertThat(daily.queueFor(at(saturday, 7, 30))).as("a Saturday").isZero();
        assertThat(daily.queueFor(at(monday, 6, 59))).as("before seven").isZero();
        int queued = daily.queueFor(at(monday, 7, 0));
        assertThat(queued).isGreaterThanOrEqualTo(2);
        assertThat(daily.queueFor(at(monday, 7, 1))).as("once a day").isZero();
        assertThat(daily.queueFor(at(monday, 15, 0))).isZero();
        assertThat(outbox("kind = 'vp_digest' AND recipient = '" + vpAddress + "'"))
                .isOne();
        assertThat(outbox("kind = 'due_reminder' AND recipient = '" + secretaryAddress + "'"))
                .isOne();
        assertThat(owner.sql("SELECT count(*) FROM mail_daily_rounds WHERE office_day = :d")
                        .param("d", monday)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);

        sendDue(app);
        MimeMessage digest = received(vpAddress);
        assertThat(digest.getSubject()).startsWith("Uw dag");
        assertThat((String) digest.getContent()).contains(decisionRef);
        MimeMessage reminder = received(secretaryAddress);
        assertThat(reminder.getSubject()).startsWith("Due dates");
        assertThat((String) reminder.getContent()).contains(overdueRef).contains("Overdue");
    }

    @Test
    void aUserReadsAndChangesOnlyTheirOwnPreferencesAndNoPersonReadsAMessageBySql() {
        Account other = accounts.create(Role.SECRETARY);
        Account admin = accounts.create(Role.ADMIN);
        assertThat(api.put("/api/v1/me/mail", other, Map.of("address", "ander@example.sr", "due_reminders", true))
                        .status())
                .isEqualTo(200);
        Response invalid = api.put("/api/v1/me/mail", secretary, Map.of("address", "geen-adres", "language", "fr"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.fieldErrors()).containsExactlyInAnyOrder("address:invalid_email", "language:invalid_value");
        assertThat(api.put("/api/v1/me/mail", secretary, Map.of("address", "eigen@example.sr"))
                        .status())
                .isEqualTo(200);

        String others = "'" + other.id() + "'";
        long seen = count(secretary, "SELECT count(*) FROM mail_preferences WHERE user_id = " + others);
        assertThat(seen).as("another's row is invisible").isZero();
        List<String> own = sqlAs(
                secretary,
                jdbc -> jdbc.sql("SELECT address FROM mail_preferences")
                        .query(String.class)
                        .list());
        assertThat(own).containsExactly("eigen@example.sr");
        int changed = sqlAs(
                secretary,
                jdbc -> jdbc.sql("UPDATE mail_preferences SET address = 'dief@example.org' WHERE user_id = " + others)
                        .update());
        assertThat(changed).isZero();
        assertThatThrownBy(() -> sqlAs(
                        secretary,
                        jdbc -> jdbc.sql("INSERT INTO mail_preferences (user_id, address) VALUES (" + others
                                        + ", 'dief@example.org')")
                                .update()))
                .isInstanceOf(DataAccessException.class);
        long adminSees = count(admin, "SELECT count(*) FROM mail_preferences WHERE user_id = " + others);
        assertThat(adminSees).as("the administrator neither").isZero();
        String kept = owner.sql("SELECT address FROM mail_preferences WHERE user_id = " + others)
                .query(String.class)
                .single();
        assertThat(kept).isEqualTo("ander@example.sr");

        // a queued confirmation: not the secretary who queued it, nor the administrator reads it;
        // the administrator sees the queue masked, without subject or body
        String email = "prive-" + UUID.randomUUID().toString().substring(0, 8) + "@example.sr";
        String id = book(guest(email), Slots.future(), true).json().get("id").asString();
        String where = "SELECT count(*) FROM mail_outbox WHERE appointment_id = '" + id + "'";
        long bySecretary = count(secretary, where);
        long byAdmin = count(admin, where);
        assertThat(bySecretary).isZero();
        assertThat(byAdmin).isZero();
        List<String> queue = sqlAs(
                admin,
                jdbc -> jdbc.sql("SELECT recipient || ' ' || kind || ' ' || state FROM mail_queue(1000)")
                        .query(String.class)
                        .list());
        assertThat(queue).contains("p***@example.sr guest_confirmation queued");
        assertThat(String.join(" ", queue)).doesNotContain(email);
        assertThatThrownBy(() -> sqlAs(
                        secretary,
                        jdbc -> jdbc.sql("SELECT * FROM mail_queue(10)").query().listOfRows()))
                .isInstanceOf(DataAccessException.class);
    }

    private <T> T sqlAs(Account account, java.util.function.Function<JdbcClient, T> work) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        TransactionTemplate tx = app.getBean(TransactionTemplate.class);
        return accounts.as(account, () -> tx.execute(s -> work.apply(jdbc)));
    }

    private long count(Account account, String sql) {
        Long n = sqlAs(account, jdbc -> jdbc.sql(sql).query(Long.class).single());
        return n;
    }

    private MimeMessage received(String address) throws Exception {
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                return m;
            }
        }
        throw new AssertionError("nothing received for " + address);
    }

    private static java.time.Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(OfficeTime.ZONE).toInstant();
    }
}
