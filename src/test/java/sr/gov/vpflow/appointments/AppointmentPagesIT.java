package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.appointments.Slots.Slot;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

/** The guest and appointment pages over HTTP, signed in with a session and its CSRF token, as a browser is. */
class AppointmentPagesIT extends IntegrationTest {

    private Account secretary;
    private Api browser;
    private UUID guest;

    @BeforeEach
    void signIn() {
        secretary = accounts.create(Role.SECRETARY);
        browser = new Api(api.base());
        String token = csrf(browser.get("/login").body());
        Response login = browser.postForm(
                "/login", Map.of("username", secretary.username(), "password", secretary.password(), "_csrf", token));
        assertThat(login.status()).isEqualTo(302);
        guest = UUID.fromString(
                api.post("/api/v1/guests", secretary, Map.of("full_name", "Pagina Gast " + UUID.randomUUID()))
                        .json()
                        .get("id")
                        .asString());
    }

    private Response post(String path, Map<String, String> fields) {
        Map<String, String> withToken = new HashMap<>(fields);
        withToken.put("_csrf", csrf(browser.get("/agenda").body()));
        return browser.postForm(path, withToken);
    }

    private List<String> events(UUID id) {
        return owner().sql("SELECT event_type FROM audit_logs WHERE entity_id = :id ORDER BY seq")
                .param("id", id)
                .query(String.class)
                .list();
    }

    @Test
    void thePagesScriptsAndStylesAreServed() {
        String page = browser.get("/agenda").body();
        Matcher assets =
                Pattern.compile("(?:src|href)=\"(/(?:webjars|js|css)/[^\"]+)\"").matcher(page);
        List<String> found = assets.results().map(m -> m.group(1)).toList();
        assertThat(found).anyMatch(path -> path.contains("htmx.min.js")).hasSizeGreaterThanOrEqualTo(3);
        for (String path : found) {
            Response asset = browser.get(path);
            assertThat(asset.status()).as(path).isEqualTo(200);
            assertThat(asset.body()).as(path).isNotBlank();
        }
    }

    @Test
    void aSeriesIsBookedFromTheFormShownOnItsPageAndCancelledFromOneOccurrenceOnForAllOfIt() {
        // on Sundays, which the other tests' slots leave free
        java.time.LocalDate first = java.time.LocalDate.now(sr.gov.vpflow.platform.OfficeTime.ZONE)
                .plusDays(120)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.SUNDAY));
        Map<String, String> form = new HashMap<>(Map.of(
                "guestId", guest.toString(),
                "subject", "Districtscommissarissen",
                "date", first.toString(),
                "start", "01:00",
                "end", "01:20",
                "repeat", "monthly",
                "monthlyBy", "weekday",
                "interval", "1",
                "ends", "count",
                "count", "3"));
        Response booked = post("/appointments", form);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(302);
        assertThat(booked.header("Location")).contains("/appointment-series/");
        UUID seriesId = UUID.fromString(booked.header("Location").replaceAll(".*/appointment-series/", ""));
        String ordinal = Integer.toString((first.getDayOfMonth() - 1) / 7 + 1);
        String weekday = first.getDayOfWeek().name().substring(0, 2);
        assertThat(owner().sql("SELECT rule FROM appointment_series WHERE id = :id")
                        .param("id", seriesId)
                        .query(String.class)
                        .single())
                .isEqualTo("FREQ=MONTHLY;INTERVAL=1;BYDAY=" + ordinal + weekday + ";COUNT=3");
        String page = browser.get("/appointment-series/" + seriesId).body();
        assertThat(page)
                .contains("De reeks is vastgelegd.")
                .contains("Afspraken (3)")
                .contains("Districtscommissarissen");
        List<UUID> occurrences = owner().sql("SELECT id FROM appointments WHERE series_id = :id ORDER BY occurrence_at")
                .param("id", seriesId)
                .query(UUID.class)
                .list();
        assertThat(occurrences).hasSize(3);

        // the same times again: refused, every conflict listed, nothing booked
        Response again = post("/appointments", form);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("id=\"series-conflicts\"");
        for (UUID o : occurrences) {
            assertThat(again.body()).contains("/appointments/" + o);
        }

        String second = browser.get("/appointments/" + occurrences.get(1)).body();
        assertThat(second).contains("/appointment-series/" + seriesId).contains("name=\"scope\"");
        Response cancelled = post(
                "/appointments/" + occurrences.get(1) + "/cancel",
                Map.of("reason", "Vergadering vervalt", "scope", "all"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(302);
        assertThat(owner().sql("SELECT count(*) FROM appointments WHERE series_id = :id AND status = 'cancelled'")
                        .param("id", seriesId)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(browser.get("/appointment-series/" + seriesId).body()).contains("Geannuleerd");
    }

    @Test
    void aBookingFromTheFormIsStoredInParamariboTimeAndShownInTheAgenda() {
        Slot slot = Slots.future();
        Response booked = post(
                "/appointments",
                Map.of(
                        "guestId", guest.toString(),
                        "subject", "Formulier",
                        "date", slot.start().toLocalDate().toString(),
                        "start", "10:00",
                        "end", "11:00",
                        "status", "scheduled"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(302);
        UUID id = UUID.fromString(booked.header("Location").replaceAll(".*/appointments/", ""));
        assertThat(owner().sql("SELECT starts_at FROM appointments WHERE id = :id")
                        .param("id", id)
                        .query(java.time.OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(slot.start().toInstant());
        assertThat(browser.get("/appointments/" + id).body()).contains("De afspraak is vastgelegd.");

        Response week = browser.get("/agenda?view=week&date=" + slot.start().toLocalDate());
        assertThat(week.status()).isEqualTo(200);
        assertThat(week.body()).contains("Formulier").contains("10:00–11:00");
        Response day = browser.get("/agenda?view=day&date=" + slot.start().toLocalDate() + "&lang=en");
        assertThat(day.body()).contains("Formulier").contains("Scheduled");
        // the agenda's lines escape what was typed
        Response marked = api.post(
                "/api/v1/appointments",
                secretary,
                Map.of(
                        "guest_id", guest.toString(),
                        "subject", "<b>Overleg & \"co\"</b>",
                        "location", "Zaal <1>",
                        "starts_at", slot.start().plusHours(4).toString(),
                        "ends_at", slot.start().plusHours(5).toString()));
        assertThat(marked.status()).as(marked.toString()).isEqualTo(201);
        String markedId = marked.json().get("id").asString();
        String weekWithMarkup = browser.get(
                        "/agenda?view=week&date=" + slot.start().toLocalDate())
                .body();
        assertThat(weekWithMarkup)
                .contains("&lt;b&gt;Overleg &amp; &quot;co&quot;&lt;/b&gt;")
                .contains("href=\"/appointments/" + markedId + "\"")
                .contains("14:00–15:00")
                .doesNotContain("<b>Overleg")
                .doesNotContain("Zaal"); // the location is in the day view only
        assertThat(browser.get("/agenda?view=day&date=" + slot.start().toLocalDate())
                        .body())
                .contains("Zaal &lt;1&gt;")
                .contains("Scheduled"); // the session keeps the language chosen above
        assertThat(browser.get("/appointments/fragments/by-guest/" + guest).body())
                .contains("Formulier");

        // the same hour again: refused in words, nothing stored
        Response again = post(
                "/appointments",
                Map.of(
                        "guestId", guest.toString(),
                        "subject", "Tweede",
                        "date", slot.start().toLocalDate().toString(),
                        "start", "10:30",
                        "end", "11:30"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("This time conflicts with the appointment &quot;Formulier&quot; on ");
        assertThat(again.body()).contains("/appointments/" + id);
        Response endFirst = post(
                "/appointments",
                Map.of(
                        "guestId", guest.toString(),
                        "subject", "Omgekeerd",
                        "date", slot.start().toLocalDate().toString(),
                        "start", "15:00",
                        "end", "14:00"));
        assertThat(endFirst.status()).isEqualTo(422);
        assertThat(endFirst.body()).contains("The end time must come after the start time.");
        assertThat(owner().sql("SELECT count(*) FROM appointments WHERE subject IN ('Tweede', 'Omgekeerd')")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theActionsOfTheAppointmentPageChangeTheStatusAndAreAudited() {
        UUID past = Slots.pastAppointment(owner(), guest, "scheduled");
        String page = browser.get("/appointments/" + past).body();
        assertThat(page).contains("action-check-in").contains("action-complete").contains("action-no-show");

        Response noReason = post("/appointments/" + past + "/cancel", Map.of("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("Geef een reden op.");

        assertThat(post("/appointments/" + past + "/check-in", Map.of("version", "0"))
                        .status())
                .isEqualTo(302);
        Response stale = post("/appointments/" + past + "/complete", Map.of("version", "0"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Iemand anders heeft dit intussen gewijzigd.");
        assertThat(post("/appointments/" + past + "/complete", Map.of("version", "1"))
                        .status())
                .isEqualTo(302);
        assertThat(browser.get("/appointments/" + past).body())
                .contains("Afgerond")
                .doesNotContain("action-check-in");
        assertThat(events(past)).containsExactly("appointment_checked_in", "appointment_completed");

        UUID future = UUID.fromString(api.post(
                        "/api/v1/appointments",
                        secretary,
                        AppointmentApiIT.booking(
                                guest, Slots.future().start(), Slots.future().end()))
                .json()
                .get("id")
                .asString());
        String futurePage = browser.get("/appointments/" + future).body();
        assertThat(futurePage).doesNotContain("action-complete").contains("cancel-reason");
        Slot moved = Slots.future();
        Response reschedule = post(
                "/appointments/" + future + "/reschedule",
                Map.of(
                        "date", moved.start().toLocalDate().toString(),
                        "start", "10:00",
                        "end", "11:00",
                        "reason", "Agenda VP gewijzigd",
                        "version", "0"));
        assertThat(reschedule.status()).as(reschedule.toString()).isEqualTo(302);
        assertThat(post("/appointments/" + future + "/cancel", Map.of("reason", "Afgezegd", "version", "1"))
                        .status())
                .isEqualTo(302);
        assertThat(events(future))
                .containsExactly("appointment_created", "appointment_rescheduled", "appointment_cancelled");
    }

    @Test
    void aGuestIsEditedAndArchivedFromItsPages() {
        Response edited = post(
                "/guests/" + guest,
                Map.of("fullName", "Pagina Gast Gewijzigd", "organisation", "VHP", "email", "", "version", "0"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(302);
        Response tooLong = post("/guests/" + guest, Map.of("fullName", "x".repeat(201), "version", "1"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("Volledige naam mag hoogstens 200 tekens hebben.");
        Response page = browser.get("/guests/" + guest);
        assertThat(page.body())
                .contains("Pagina Gast Gewijzigd")
                .contains("/appointments/fragments/by-guest/" + guest)
                .contains("/cases/fragments/by-guest/" + guest);
        assertThat(post("/guests/" + guest + "/archive", Map.of("version", "1")).status())
                .isEqualTo(302);
        assertThat(browser.get("/guests/" + guest).body()).contains("Gearchiveerd op");
        assertThat(events(guest)).containsExactly("guest_created", "guest_updated", "guest_archived");
        assertThat(browser.get("/guests/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(browser.get("/guests/geen-uuid").status()).isEqualTo(404);
    }

    @Test
    void theAdministratorIsShownNoAgendaAndNoGuests() {
        Account admin = accounts.create(Role.ADMIN);
        Api adminBrowser = new Api(api.base());
        adminBrowser.postForm(
                "/login",
                Map.of(
                        "username",
                        admin.username(),
                        "password",
                        admin.password(),
                        "_csrf",
                        csrf(adminBrowser.get("/login").body())));
        assertThat(adminBrowser.get("/agenda").status()).isEqualTo(403);
        assertThat(adminBrowser.get("/guests").status()).isEqualTo(403);
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*(?:value|content)=\"([^\"]+)\"")
                .matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF token in the page");
        }
        return m.group(1);
    }
}
