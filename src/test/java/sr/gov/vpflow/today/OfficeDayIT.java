package sr.gov.vpflow.today;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import sr.gov.vpflow.platform.OfficeTime;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/**
 * The office's day (v1.2) over the real API and pages: notes on cases in any state, notes for the
 * Vice President only (hidden by the database), the mark for decision, due dates in working days
 * with the holiday calendar, and the Today page of each role.
 */
class OfficeDayIT extends IntegrationTest {

    private Account vp;
    private Account secretary;
    private Account admin;

    @BeforeEach
    void arrange() {
        vp = accounts.create(Role.VP);
        secretary = accounts.create(Role.SECRETARY);
        admin = accounts.create(Role.ADMIN);
    }

    private UUID openCase(String title, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(more);
        body.put("title", title + " " + UUID.randomUUID().toString().substring(0, 8));
        Response created = api.post("/api/v1/cases", secretary, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private Map<String, Object> row(UUID id) {
        return owner().sql("SELECT state::text AS state, version, resolution FROM cases WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private long notesVisibleTo(Account account, UUID note) {
        return as(
                account,
                () -> jdbc.sql("SELECT count(*) FROM case_notes WHERE id = :id")
                        .param("id", note)
                        .query(Long.class)
                        .single());
    }

    @Test
    void notesGoOnClosedCasesWithoutChangingThemAndAVpOnlyNoteIsHiddenFromSecretariesByTheDatabase() {
        UUID id = openCase("Notities", Map.of());
        assertThat(api.post("/api/v1/cases/" + id + "/close", vp, Map.of("resolution", "Toegekend."))
                        .status())
                .isEqualTo(200);
        Map<String, Object> before = row(id);

        Response secretaryNote =
                api.post("/api/v1/cases/" + id + "/notes", secretary, Map.of("text", "Brief verstuurd."));
        assertThat(secretaryNote.status()).as(secretaryNote.toString()).isEqualTo(201);
        assertThat(secretaryNote.json().get("vp_only").asBoolean()).isFalse();
        Response vpNote = api.post(
                "/api/v1/cases/" + id + "/notes", vp, Map.of("text", "Persoonlijk: bel de minister.", "vp_only", true));
        assertThat(vpNote.status()).as(vpNote.toString()).isEqualTo(201);
        UUID vpNoteId = UUID.fromString(vpNote.json().get("id").asString());

        // the case did not change, not even its version
        assertThat(row(id)).isEqualTo(before);

        // the secretary never sees the Vice President's own note: not by the API, not by SQL, not in the audit log
        Response secretaryReads = api.get("/api/v1/cases/" + id + "/notes", secretary);
        assertThat(secretaryReads.body()).contains("Brief verstuurd.").doesNotContain("bel de minister");
        assertThat(api.get("/api/v1/cases/" + id + "/notes", vp).body()).contains("bel de minister");
        assertThat(notesVisibleTo(secretary, vpNoteId)).isZero();
        assertThat(notesVisibleTo(vp, vpNoteId)).isOne();
        assertThat(api.get("/api/v1/cases/" + id + "/history?limit=100", secretary)
                        .body())
                .contains("Brief verstuurd.")
                .doesNotContain("bel de minister");
        assertThat(api.get("/api/v1/cases/" + id + "/history?limit=100", vp).body())
                .contains("bel de minister");
        long audited = owner().sql(
                        "SELECT count(*) FROM audit_logs WHERE event_type = 'case_note_added' AND entity_id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
        assertThat(audited).isEqualTo(2);

        // a secretary cannot write a note for the Vice President only; nothing is written
        Response refused =
                api.post("/api/v1/cases/" + id + "/notes", secretary, Map.of("text", "Geheim", "vp_only", true));
        assertThat(refused.status()).isEqualTo(403);
        Response empty = api.post("/api/v1/cases/" + id + "/notes", secretary, Map.of("text", "  "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.fieldErrors()).containsExactly("text:required");
        assertThat(api.get("/api/v1/cases/" + id + "/notes", vp).json().size()).isEqualTo(2);

        // notes are records: nobody changes or removes them, the owner included
        assertThatThrownBy(() -> as(
                        vp,
                        () -> jdbc.sql("UPDATE case_notes SET body = 'anders' WHERE id = :id")
                                .param("id", vpNoteId)
                                .update()))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> owner().sql("DELETE FROM case_notes WHERE id = :id")
                        .param("id", vpNoteId)
                        .update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> owner().sql("UPDATE case_notes SET body = 'anders' WHERE id = :id")
                        .param("id", vpNoteId)
                        .update())
                .isInstanceOf(DataAccessException.class);
        // and the administrator reads none
        assertThat(notesVisibleTo(admin, vpNoteId)).isZero();
        assertThat(api.get("/api/v1/cases/" + id + "/notes", admin).status()).isEqualTo(403);
    }

    @Test
    void aSecretaryMarksACaseForDecisionAndOnlyTheVicePresidentClearsIt() {
        UUID id = openCase("Besluit", Map.of());
        assertThat(api.post("/api/v1/cases/" + id + "/decision", vp, Map.of()).status())
                .isEqualTo(403);
        Response marked = api.post("/api/v1/cases/" + id + "/decision", secretary, Map.of());
        assertThat(marked.status()).as(marked.toString()).isEqualTo(200);
        assertThat(marked.json().get("for_decision").asBoolean()).isTrue();
        assertThat(api.delete("/api/v1/cases/" + id + "/decision", secretary).status())
                .isEqualTo(403);
        // the database holds the rule too: a secretary's direct UPDATE is refused
        assertThatThrownBy(() -> as(
                        secretary,
                        () -> jdbc.sql("UPDATE cases SET for_decision = false WHERE id = :id")
                                .param("id", id)
                                .update()))
                .isInstanceOf(DataAccessException.class);

        String decisions = page("/today/decisions", vp);
        assertThat(decisions).contains(id.toString());

        Response cleared = api.delete("/api/v1/cases/" + id + "/decision", vp);
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("for_decision").asBoolean()).isFalse();
        assertThat(page("/today/decisions", vp)).doesNotContain(id.toString());
        assertThat(owner().sql("SELECT string_agg(event_type, ',' ORDER BY seq) FROM audit_logs WHERE entity_id = :id"
                                + " AND event_type LIKE 'case_%decision%'")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo("case_marked_for_decision,case_decision_mark_cleared");
    }

    @Test
    void aDueDateInWorkingDaysSkipsWeekendsAndSurinameseHolidaysAcrossTheYearEnd() {
        // Tuesday 30 June 2026 + 1 working day: Keti Koti (1 July) is skipped
        UUID ketiKoti = openCase("Termijn", Map.of("due_in_working_days", 1, "due_from", "2026-06-30"));
        assertThat(api.get("/api/v1/cases/" + ketiKoti, vp)
                        .json()
                        .get("due_date")
                        .asString())
                .isEqualTo("2026-07-02");
        // Thursday 24 December + 2: Christmas, Boxing Day and the Sunday are skipped
        UUID christmas = openCase("Termijn", Map.of("due_in_working_days", 2, "due_from", "2026-12-24"));
        assertThat(api.get("/api/v1/cases/" + christmas, vp)
                        .json()
                        .get("due_date")
                        .asString())
                .isEqualTo("2026-12-29");
        // both a date and a number is refused, and so is nonsense
        Response both = api.post(
                "/api/v1/cases",
                secretary,
                Map.of("title", "Beide", "due_date", "2026-07-10", "due_in_working_days", 3));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.fieldErrors()).containsExactly("due_in_working_days:conflicts_with_due_date");
        Response farAway = api.post(
                "/api/v1/cases",
                secretary,
                Map.of("title", "Ver weg", "due_in_working_days", 1, "due_from", "+999999999-12-31"));
        assertThat(farAway.fieldErrors()).containsExactly("due_from:out_of_range");
        assertThat(api.get("/api/v1/holidays?from=%2B999999999-01-01", secretary)
                        .status())
                .isEqualTo(400);
        Response nonsense = api.post("/api/v1/cases", secretary, Map.of("title", "Onzin", "due_in_working_days", "x"));
        assertThat(nonsense.status()).isEqualTo(400);
        assertThat(nonsense.fieldErrors()).containsExactly("due_in_working_days:invalid_value");
    }

    @Test
    void theAdministratorKeepsTheHolidayCalendarAndWorkingDaysFollowIt() {
        Response year = api.get("/api/v1/holidays?from=2026-01-01&to=2026-12-31", secretary);
        assertThat(year.status()).isEqualTo(200);
        assertThat(year.body()).contains("2026-07-01", "Keti Koti", "2026-11-25", "2026-10-10", "2026-08-09");
        assertThat(api.post("/api/v1/holidays", secretary, Map.of("day", "2031-03-03", "name_nl", "X", "name_en", "X"))
                        .status())
                .isEqualTo(403);

        Response added = api.post(
                "/api/v1/holidays", admin, Map.of("day", "2031-03-04", "name_nl", "Testdag", "name_en", "Test day"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(api.post(
                                "/api/v1/holidays",
                                admin,
                                Map.of("day", "2031-03-04", "name_nl", "Nog eens", "name_en", "Again"))
                        .status())
                .isEqualTo(409);
        // Monday 3 March 2031 + 1 working day: the new holiday on Tuesday is skipped
        UUID id = openCase("Nieuwe feestdag", Map.of("due_in_working_days", 1, "due_from", "2031-03-03"));
        assertThat(api.get("/api/v1/cases/" + id, vp).json().get("due_date").asString())
                .isEqualTo("2031-03-05");

        String holidayId = added.json().get("id").asString();
        assertThat(api.delete("/api/v1/holidays/" + holidayId, secretary).status())
                .isEqualTo(403);
        assertThat(api.delete("/api/v1/holidays/" + holidayId, admin).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/holidays/" + holidayId, admin).status()).isEqualTo(404);
        // the record stays, marked removed
        assertThat(owner().sql("SELECT removed_at IS NOT NULL FROM holidays WHERE id = CAST(:id AS uuid)")
                        .param("id", holidayId)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        UUID after = openCase("Weer werkdag", Map.of("due_in_working_days", 1, "due_from", "2031-03-03"));
        assertThat(api.get("/api/v1/cases/" + after, vp).json().get("due_date").asString())
                .isEqualTo("2031-03-04");
        assertThat(owner().sql("SELECT count(*) FROM audit_logs WHERE entity_id = CAST(:id AS uuid)"
                                + " AND event_type IN ('holiday_added', 'holiday_removed')")
                        .param("id", holidayId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void todayShowsEachRoleItsOwnSectionsAndNothingElse() {
        LocalDate today = OfficeTime.today(java.time.Clock.systemUTC());
        UUID due = openCase("Vandaag termijn", Map.of("due_date", today.toString()));
        UUID overdue = openCase(
                "Verlopen termijn", Map.of("due_date", today.minusDays(10).toString()));

        String secretaryPage = page("/", secretary);
        assertThat(secretaryPage)
                .contains("today-appointments", "today-waiting", "today-requested", "today-due", "today-documents")
                .doesNotContain("today-system", "today-decisions");
        String dueSection = page("/today/due", secretary);
        assertThat(dueSection).contains(due.toString(), overdue.toString());

        String vpPage = page("/", vp);
        assertThat(vpPage).contains("today-agenda", "today-decisions", "today-overdue", "today-approvals");
        assertThat(page("/today/overdue", vp)).contains(overdue.toString()).doesNotContain(due.toString());

        String adminPage = page("/", admin);
        assertThat(adminPage).contains("today-system").doesNotContain("today-due", "today-agenda");
        String system = page("/today/system", admin);
        assertThat(system).contains("v1.1-A", "v1.2").doesNotContain("Vandaag termijn", "Verlopen termijn");

        // a section of another role is not there for you
        assertThat(sessions.get(secretary.username()).get("/today/system").status())
                .isEqualTo(404);
        assertThat(sessions.get(admin.username()).get("/today/due").status()).isEqualTo(404);
        assertThat(sessions.get(vp.username()).get("/today/nothing").status()).isEqualTo(404);
    }

    @Test
    void theAgendaApiAnswersAWindowOpenAboveAndTheBookingCheckFindsAnOverlap() {
        Response guest = api.post("/api/v1/guests", secretary, Map.of("full_name", "Gast " + UUID.randomUUID()));
        String guestId = guest.json().get("id").asString();
        // far beyond the days the other tests book, so that two days of it take no one's slot
        java.time.OffsetDateTime start = OfficeTime.today(java.time.Clock.systemUTC())
                .plusDays(
                        5000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000))
                .atTime(3, 0)
                .atZone(OfficeTime.ZONE)
                .toOffsetDateTime();
        sr.gov.vpflow.appointments.Slots.Slot slot = new sr.gov.vpflow.appointments.Slots.Slot(start, start);
        Map<String, Object> booking = new java.util.HashMap<>();
        booking.put("guest_id", guestId);
        booking.put("subject", "Lang overleg");
        booking.put("starts_at", slot.start().toString());
        booking.put("ends_at", slot.start().plusDays(2).toString());
        booking.put("status", "scheduled");
        Response booked = api.post("/api/v1/appointments", secretary, booking);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().get("id").asString();
        // a window that begins a day into the two-day appointment and has no end finds it
        String from = java.net.URLEncoder.encode(
                slot.start().plusDays(1).toString(), java.nio.charset.StandardCharsets.UTF_8);
        Response open = api.get("/api/v1/appointments?from=" + from + "&limit=200", secretary);
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        assertThat(open.body()).contains(id);
        // and a booking inside it is refused as a conflict
        booking.put("starts_at", slot.start().plusDays(1).toString());
        booking.put("ends_at", slot.start().plusDays(1).plusHours(1).toString());
        Response conflict = api.post("/api/v1/appointments", secretary, booking);
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
    }

    private final Map<String, PageSession> sessions = new java.util.HashMap<>();

    private String page(String path, Account account) {
        Response response = sessions.computeIfAbsent(account.username(), u -> PageSession.signIn(api.base(), account))
                .get(path);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
        return response.body();
    }
}
