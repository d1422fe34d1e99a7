package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.appointments.Slots.Slot;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import tools.jackson.databind.JsonNode;

class AppointmentApiIT extends IntegrationTest {

    private Account secretary;
    private Account vp;
    private UUID guest;

    @BeforeEach
    void arrange() {
        secretary = accounts.create(Role.SECRETARY);
        vp = accounts.create(Role.VP);
        Response created = api.post(
                "/api/v1/guests",
                secretary,
                Map.of("full_name", "Gast " + UUID.randomUUID().toString().substring(0, 8)));
        guest = UUID.fromString(created.json().get("id").asString());
    }

    static Map<String, Object> booking(UUID guest, OffsetDateTime start, OffsetDateTime end) {
        Map<String, Object> body = new HashMap<>();
        body.put("guest_id", guest.toString());
        body.put("subject", "Kennismaking");
        body.put("starts_at", start.toString());
        body.put("ends_at", end.toString());
        return body;
    }

    private JsonNode book(Account as, Map<String, Object> body) {
        Response created = api.post("/api/v1/appointments", as, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private JsonNode book(Slot slot) {
        return book(secretary, booking(guest, slot.start(), slot.end()));
    }

    private static UUID id(JsonNode appointment) {
        return UUID.fromString(appointment.get("id").asString());
    }

    private long rows() {
        return owner().sql("SELECT count(*) FROM appointments")
                .query(Long.class)
                .single();
    }

    private long events() {
        return owner().sql("SELECT count(*) FROM audit_logs WHERE entity_type = 'appointment'")
                .query(Long.class)
                .single();
    }

    private List<Map<String, Object>> events(UUID appointment) {
        return owner().sql("SELECT event_type, actor_id, details::text AS details FROM audit_logs"
                        + " WHERE entity_id = :id ORDER BY seq")
                .param("id", appointment)
                .query()
                .listOfRows();
    }

    private static OffsetDateTime time(JsonNode node, String field) {
        return OffsetDateTime.parse(node.get(field).asString());
    }

    @Test
    void aSecretaryBooksAnAppointmentThatTheVpSeesInTheAgenda() {
        Slot slot = Slots.future();
        Map<String, Object> body = booking(guest, slot.start(), slot.end());
        body.put("location", "Kabinet, vergaderzaal 2");
        body.put("purpose", "Begroting 2027");
        Response created = api.post("/api/v1/appointments", secretary, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode appointment = created.json();
        UUID id = id(appointment);
        assertThat(created.header("Location")).isEqualTo("/api/v1/appointments/" + id);
        assertThat(appointment.get("status").asString()).isEqualTo("scheduled");
        assertThat(appointment.get("guest_id").asString()).isEqualTo(guest.toString());
        assertThat(appointment.get("starts_at").asString()).endsWith("-03:00");
        assertThat(time(appointment, "starts_at")).isEqualTo(slot.start());
        assertThat(appointment.get("version").asInt()).isZero();

        // the same instant written with another offset is the same appointment time
        assertThat(owner().sql("SELECT starts_at FROM appointments WHERE id = :id")
                        .param("id", id)
                        .query(OffsetDateTime.class)
                        .single()
                        .toInstant())
                .isEqualTo(slot.start().toInstant());

        String day = slot.start().toLocalDate().toString();
        Response agenda = api.get("/api/v1/appointments?from=" + day + "&to=" + day, vp);
        assertThat(agenda.status()).as(agenda.toString()).isEqualTo(200);
        assertThat(agenda.json().get("items").valueStream().map(a -> a.get("id").asString()))
                .containsExactly(id.toString());
        String utcFrom = slot.start().toInstant().toString();
        assertThat(api.get(
                                "/api/v1/appointments?from=" + utcFrom + "&to="
                                        + slot.end().toInstant(),
                                vp)
                        .json()
                        .get("items"))
                .hasSize(1);
        assertThat(api.get("/api/v1/appointments/" + id, vp)
                        .json()
                        .get("subject")
                        .asString())
                .isEqualTo("Kennismaking");

        List<Map<String, Object>> events = events(id);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("event_type")).isEqualTo("appointment_created");
        assertThat((String) events.get(0).get("details"))
                .contains("\"status\": {\"to\": \"scheduled\", \"from\": null}")
                .contains("\"guest_id\": {\"to\": \"" + guest + "\", \"from\": null}");
    }

    @Test
    void anOverlappingBookingIsRefusedWithTheConflictingAppointmentAndNothingIsWritten() {
        Slot slot = Slots.future();
        JsonNode first = book(slot);
        long rows = rows();
        long events = events();

        Response overlap = api.post(
                "/api/v1/appointments",
                vp,
                booking(guest, slot.start().plusMinutes(30), slot.end().plusMinutes(30)));
        assertThat(overlap.status()).isEqualTo(409);
        assertThat(overlap.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = overlap.json();
        assertThat(problem.get("code").asString()).isEqualTo("appointment_overlap");
        JsonNode conflicting = problem.get("conflicting_appointment");
        assertThat(conflicting.get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(conflicting.get("subject").asString()).isEqualTo("Kennismaking");
        assertThat(time(conflicting, "starts_at")).isEqualTo(slot.start());
        assertThat(time(conflicting, "ends_at")).isEqualTo(slot.end());
        assertThat(conflicting.get("starts_at").asString()).endsWith("-03:00");
        assertThat(rows()).isEqualTo(rows);
        assertThat(events()).isEqualTo(events);

        // the same times in UTC are the same times
        Response sameInUtc = api.post(
                "/api/v1/appointments",
                secretary,
                booking(
                        guest,
                        slot.start().withOffsetSameInstant(java.time.ZoneOffset.UTC),
                        slot.end().withOffsetSameInstant(java.time.ZoneOffset.UTC)));
        assertThat(sameInUtc.status()).isEqualTo(409);

        // back to back is not an overlap
        book(secretary, booking(guest, slot.end(), slot.end().plusMinutes(30)));
    }

    @Test
    void aRequestedAppointmentHoldsNoSlotUntilItIsScheduled() {
        Slot slot = Slots.future();
        Map<String, Object> request = booking(guest, slot.start(), slot.end());
        request.put("status", "requested");
        JsonNode requested = book(secretary, request);
        assertThat(requested.get("status").asString()).isEqualTo("requested");
        JsonNode scheduled = book(slot);

        Response schedule =
                api.post("/api/v1/appointments/" + id(requested) + "/schedule", secretary, Map.of("version", 0));
        assertThat(schedule.status()).isEqualTo(409);
        assertThat(schedule.json().get("code").asString()).isEqualTo("appointment_overlap");
        assertThat(schedule.json().get("conflicting_appointment").get("id").asString())
                .isEqualTo(scheduled.get("id").asString());

        Response cancel = api.post(
                "/api/v1/appointments/" + id(scheduled) + "/cancel", secretary, Map.of("reason", "VP op reis"));
        assertThat(cancel.status()).isEqualTo(200);
        Response nowFree = api.post("/api/v1/appointments/" + id(requested) + "/schedule", secretary, Map.of());
        assertThat(nowFree.status()).as(nowFree.toString()).isEqualTo(200);
        assertThat(nowFree.json().get("status").asString()).isEqualTo("scheduled");
        assertThat(events(id(requested)))
                .extracting(e -> e.get("event_type"))
                .containsExactly("appointment_created", "appointment_updated");
        assertThat((String) events(id(requested)).get(1).get("details"))
                .contains("\"status\": {\"to\": \"scheduled\", \"from\": \"requested\"}");
    }

    @Test
    void badBookingsAreRefusedWithTheirCodesAndNothingIsWrittenOrAudited() {
        long rows = rows();
        long events = events();
        Slot slot = Slots.future();

        Response endBeforeStart = api.post("/api/v1/appointments", secretary, booking(guest, slot.end(), slot.start()));
        assertThat(endBeforeStart.status()).isEqualTo(422);
        assertThat(endBeforeStart.json().get("code").asString()).isEqualTo("end_before_start");
        Response noLength = api.post("/api/v1/appointments", secretary, booking(guest, slot.start(), slot.start()));
        assertThat(noLength.json().get("code").asString()).isEqualTo("end_before_start");

        OffsetDateTime yesterday = slot.start().minusYears(2);
        Response past = api.post("/api/v1/appointments", secretary, booking(guest, yesterday, yesterday.plusHours(1)));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().get("code").asString()).isEqualTo("appointment_in_past");

        Response unknownGuest =
                api.post("/api/v1/appointments", secretary, booking(UUID.randomUUID(), slot.start(), slot.end()));
        assertThat(unknownGuest.status()).isEqualTo(404);
        assertThat(unknownGuest.json().get("code").asString()).isEqualTo("guest_not_found");

        Map<String, Object> malformedGuest = booking(guest, slot.start(), slot.end());
        malformedGuest.put("guest_id", "not-a-uuid");
        Response malformed = api.post("/api/v1/appointments", secretary, malformedGuest);
        assertThat(malformed.fieldErrors()).containsExactly("guest_id:invalid_value");
        Response notJson = api.post("/api/v1/appointments", secretary, "{\"guest_id\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("code").asString()).isEqualTo("malformed_body");

        Map<String, Object> noOffset = booking(guest, slot.start(), slot.end());
        noOffset.put("starts_at", slot.start().toLocalDateTime().toString());
        assertThat(api.post("/api/v1/appointments", secretary, noOffset).fieldErrors())
                .containsExactly("starts_at:invalid_value");

        Map<String, Object> tooLong = booking(guest, slot.start(), slot.end());
        tooLong.put("subject", "s".repeat(201));
        tooLong.put("location", "l".repeat(201));
        Response longSubject = api.post("/api/v1/appointments", secretary, tooLong);
        assertThat(longSubject.status()).isEqualTo(400);
        assertThat(longSubject.fieldErrors()).containsExactly("subject:too_long", "location:too_long");
        assertThat(longSubject.json().get("errors").get(0).get("max").asInt()).isEqualTo(200);

        Map<String, Object> noSubject = booking(guest, slot.start(), slot.end());
        noSubject.remove("subject");
        noSubject.remove("ends_at");
        assertThat(api.post("/api/v1/appointments", secretary, noSubject).fieldErrors())
                .containsExactly("subject:required", "ends_at:required");

        Map<String, Object> unknownMember = booking(guest, slot.start(), slot.end());
        unknownMember.put("room", "Zaal 1");
        assertThat(api.post("/api/v1/appointments", secretary, unknownMember).fieldErrors())
                .containsExactly("room:unknown_field");

        Map<String, Object> arrived = booking(guest, slot.start(), slot.end());
        arrived.put("status", "arrived");
        Response badStatus = api.post("/api/v1/appointments", secretary, arrived);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("code").asString()).isEqualTo("invalid_status");

        Response archivedGuest =
                api.post("/api/v1/guests", secretary, Map.of("full_name", "Gearchiveerd " + UUID.randomUUID()));
        UUID archived = UUID.fromString(archivedGuest.json().get("id").asString());
        api.post("/api/v1/guests/" + archived + "/archive", secretary, Map.of());
        Response toArchived = api.post("/api/v1/appointments", secretary, booking(archived, slot.start(), slot.end()));
        assertThat(toArchived.status()).isEqualTo(409);
        assertThat(toArchived.json().get("code").asString()).isEqualTo("guest_archived");

        Response badPath = api.get("/api/v1/appointments/12345", secretary);
        assertThat(badPath.status()).isEqualTo(400);
        assertThat(badPath.json().get("code").asString()).isEqualTo("invalid_parameter");
        Response unknown = api.post("/api/v1/appointments/" + UUID.randomUUID() + "/check-in", secretary, Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("not_found");

        assertThat(rows()).isEqualTo(rows);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void anEditWithTheVersionReadIsAuditedAndAStaleOneOverwritesNothing() {
        JsonNode booked = book(Slots.future());
        UUID id = id(booked);
        Response edited = api.patch(
                "/api/v1/appointments/" + id,
                vp,
                Map.of("subject", "Werkbezoek", "location", "Paramaribo-Noord", "version", 0));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("subject").asString()).isEqualTo("Werkbezoek");
        assertThat(edited.json().get("version").asInt()).isEqualTo(1);
        assertThat((String) events(id).get(1).get("details"))
                .contains("\"subject\": {\"to\": \"Werkbezoek\", \"from\": \"Kennismaking\"}")
                .contains("\"location\": {\"to\": \"Paramaribo-Noord\", \"from\": null}");

        Response stale = api.patch("/api/v1/appointments/" + id, secretary, Map.of("subject", "Oud", "version", 0));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("code").asString()).isEqualTo("stale_version");
        assertThat(api.get("/api/v1/appointments/" + id, secretary)
                        .json()
                        .get("subject")
                        .asString())
                .isEqualTo("Werkbezoek");

        Response times = api.patch(
                "/api/v1/appointments/" + id, secretary, Map.of("starts_at", booked.get("starts_at"), "version", 1));
        assertThat(times.fieldErrors()).containsExactly("starts_at:not_editable");
        Response cleared = api.patch("/api/v1/appointments/" + id, secretary, "{\"location\": null, \"version\": 1}");
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("location").isNull()).isTrue();
        assertThat(cleared.json().get("subject").asString()).isEqualTo("Werkbezoek");
        Response subjectCleared =
                api.patch("/api/v1/appointments/" + id, secretary, "{\"subject\": null, \"version\": 2}");
        assertThat(subjectCleared.fieldErrors()).containsExactly("subject:required");
        Response otherGuest =
                api.patch("/api/v1/appointments/" + id, secretary, Map.of("guest_id", UUID.randomUUID(), "version", 2));
        assertThat(otherGuest.status()).isEqualTo(404);
        assertThat(otherGuest.json().get("code").asString()).isEqualTo("guest_not_found");
        assertThat(events(id)).hasSize(3);
    }

    @Test
    void reschedulingKeepsTheReasonAndObeysTheSameRulesAsBooking() {
        Slot slot = Slots.future();
        Slot other = Slots.future();
        UUID id = id(book(slot));
        JsonNode blocker = book(other);

        Map<String, Object> move = new HashMap<>();
        move.put("starts_at", slot.start().plusHours(2).toString());
        move.put("ends_at", slot.end().plusHours(2).toString());
        move.put("version", 0);
        Response withoutReason = api.post("/api/v1/appointments/" + id + "/reschedule", secretary, move);
        assertThat(withoutReason.status()).isEqualTo(400);
        assertThat(withoutReason.json().get("code").asString()).isEqualTo("reason_required");

        move.put("reason", "VP later terug uit Nickerie");
        Response moved = api.post("/api/v1/appointments/" + id + "/reschedule", secretary, move);
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(time(moved.json(), "starts_at")).isEqualTo(slot.start().plusHours(2));
        assertThat(moved.json().get("status").asString()).isEqualTo("scheduled");
        List<Map<String, Object>> events = events(id);
        assertThat(events.get(1).get("event_type")).isEqualTo("appointment_rescheduled");
        assertThat((String) events.get(1).get("details"))
                .contains("\"reason\": \"VP later terug uit Nickerie\"")
                .contains("\"starts_at\": {\"to\": \""
                        + slot.start().plusHours(2).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .contains("\"from\": \"" + slot.start().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        + "\"");

        Response stale = api.post("/api/v1/appointments/" + id + "/reschedule", secretary, move);
        assertThat(stale.json().get("code").asString()).isEqualTo("stale_version");

        move.put("version", 1);
        move.put("starts_at", other.start().toString());
        move.put("ends_at", other.end().toString());
        Response overlap = api.post("/api/v1/appointments/" + id + "/reschedule", secretary, move);
        assertThat(overlap.status()).isEqualTo(409);
        assertThat(overlap.json().get("conflicting_appointment").get("id").asString())
                .isEqualTo(blocker.get("id").asString());

        move.put("starts_at", slot.start().minusYears(3).toString());
        move.put("ends_at", slot.end().minusYears(3).toString());
        Response past = api.post("/api/v1/appointments/" + id + "/reschedule", secretary, move);
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().get("code").asString()).isEqualTo("appointment_in_past");
        assertThat(events(id)).hasSize(2);
        assertThat(time(api.get("/api/v1/appointments/" + id, secretary).json(), "starts_at"))
                .isEqualTo(slot.start().plusHours(2));
    }

    @Test
    void cancellingNeedsAReasonFreesTheSlotAndIsFinal() {
        Slot slot = Slots.future();
        UUID id = id(book(slot));
        Response noReason = api.post("/api/v1/appointments/" + id + "/cancel", secretary, Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("code").asString()).isEqualTo("reason_required");
        Response noBody = api.post("/api/v1/appointments/" + id + "/cancel", secretary, "");
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.json().get("code").asString()).isEqualTo("reason_required");
        Response blank = api.post("/api/v1/appointments/" + id + "/cancel", secretary, Map.of("reason", "  "));
        assertThat(blank.json().get("code").asString()).isEqualTo("reason_required");
        assertThat(events(id)).hasSize(1);

        Response cancelled =
                api.post("/api/v1/appointments/" + id + "/cancel", vp, Map.of("reason", "Ziekte", "version", 0));
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.json().get("status_reason").asString()).isEqualTo("Ziekte");
        Map<String, Object> event = events(id).get(1);
        assertThat(event.get("event_type")).isEqualTo("appointment_cancelled");
        assertThat(event.get("actor_id")).isEqualTo(vp.id());
        assertThat((String) event.get("details"))
                .contains("\"status\": {\"to\": \"cancelled\", \"from\": \"scheduled\"}")
                .contains("\"reason\": \"Ziekte\"");

        Response again = api.post("/api/v1/appointments/" + id + "/cancel", vp, Map.of("reason", "nogmaals"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asString()).isEqualTo("invalid_transition");
        Map<String, Object> move = Map.of(
                "starts_at",
                slot.start().plusDays(1).toString(),
                "ends_at",
                slot.end().plusDays(1).toString(),
                "reason",
                "toch",
                "version",
                1);
        Response reschedule = api.post("/api/v1/appointments/" + id + "/reschedule", vp, move);
        assertThat(reschedule.status()).isEqualTo(409);
        assertThat(reschedule.json().get("code").asString()).isEqualTo("cannot_reschedule");

        book(slot);
    }

    @Test
    void theGuestChecksInAndTheAppointmentIsCompletedButNeverGoesBack() {
        UUID id = Slots.pastAppointment(owner(), guest, "scheduled");
        Response arrived = api.post("/api/v1/appointments/" + id + "/check-in", secretary, Map.of("version", 0));
        assertThat(arrived.status()).as(arrived.toString()).isEqualTo(200);
        assertThat(arrived.json().get("status").asString()).isEqualTo("arrived");
        assertThat(arrived.json().get("checked_in_at").asString()).endsWith("-03:00");

        Response completed = api.post("/api/v1/appointments/" + id + "/complete", vp, null);
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().get("status").asString()).isEqualTo("completed");

        Response back = api.post("/api/v1/appointments/" + id + "/check-in", secretary, Map.of());
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.json().get("code").asString()).isEqualTo("invalid_transition");
        assertThat(back.json().get("from").asString()).isEqualTo("completed");
        assertThat(back.json().get("to").asString()).isEqualTo("arrived");
        assertThat(api.post("/api/v1/appointments/" + id + "/no-show", secretary, Map.of())
                        .status())
                .isEqualTo(409);

        assertThat(events(id))
                .extracting(e -> e.get("event_type"))
                .containsExactly("appointment_checked_in", "appointment_completed");
        assertThat((String) events(id).get(0).get("details"))
                .contains("\"status\": {\"to\": \"arrived\", \"from\": \"scheduled\"}");
        assertThat((String) events(id).get(1).get("details"))
                .contains("\"status\": {\"to\": \"completed\", \"from\": \"arrived\"}");

        // the database itself refuses the move back, whoever asks
        Throwable refused = catchThrowable(() -> as(
                secretary,
                () -> jdbc.sql("UPDATE appointments SET status = 'arrived' WHERE id = :id")
                        .param("id", id)
                        .update()));
        assertThat(refused).rootCause().hasMessageContaining("cannot become arrived");
    }

    @Test
    void noShowAndCompletionWaitForTheStartAndCheckInForTheDay() {
        UUID past = Slots.pastAppointment(owner(), guest, "scheduled");
        Response noShow =
                api.post("/api/v1/appointments/" + past + "/no-show", secretary, Map.of("reason", "niet gekomen"));
        assertThat(noShow.status()).as(noShow.toString()).isEqualTo(200);
        assertThat(noShow.json().get("status").asString()).isEqualTo("no_show");
        assertThat((String) events(past).get(0).get("details")).contains("\"reason\": \"niet gekomen\"");

        UUID future = id(book(Slots.future()));
        for (String action : List.of("complete", "no-show")) {
            Response early = api.post("/api/v1/appointments/" + future + "/" + action, secretary, Map.of());
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.json().get("code").asString()).isEqualTo("appointment_not_started");
        }
        Response checkIn = api.post("/api/v1/appointments/" + future + "/check-in", secretary, Map.of());
        assertThat(checkIn.status()).isEqualTo(409);
        assertThat(checkIn.json().get("code").asString()).isEqualTo("check_in_too_early");
        assertThat(events(future)).hasSize(1);
    }

    @Test
    void theAgendaComesInPagesAndFiltersByGuestAndStatus() {
        for (int i = 0; i < 3; i++) {
            book(Slots.future());
        }
        Response first = api.get("/api/v1/appointments?limit=2&guest_id=" + guest, secretary);
        assertThat(first.json().get("items")).hasSize(2);
        Response second = api.get(
                "/api/v1/appointments?limit=2&guest_id=" + guest + "&cursor="
                        + first.json().get("next_cursor").asString(),
                secretary);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(time(second.json().get("items").get(0), "starts_at"))
                .isAfter(time(first.json().get("items").get(1), "starts_at"));
        assertThat(api.get("/api/v1/appointments?status=cancelled&guest_id=" + guest, secretary)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(api.get("/api/v1/appointments?status=scheduled,requested&guest_id=" + guest, secretary)
                        .json()
                        .get("items"))
                .hasSize(3);
        Response badStatus = api.get("/api/v1/appointments?status=gone", secretary);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("code").asString()).isEqualTo("invalid_status");
        Response badRange = api.get("/api/v1/appointments?from=2026-05-02&to=2026-05-01", secretary);
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(badRange.json().get("code").asString()).isEqualTo("invalid_range");
        assertThat(api.get("/api/v1/appointments?from=gisteren", secretary)
                        .json()
                        .get("code")
                        .asString())
                .isEqualTo("invalid_range");
    }

    @Test
    void theAdministratorSeesNoAppointments() {
        Account admin = accounts.create(Role.ADMIN);
        UUID id = id(book(Slots.future()));
        assertThat(api.get("/api/v1/appointments", admin).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/appointments/" + id, admin).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/appointments/" + id + "/cancel", admin, Map.of("reason", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/appointments/" + id).status()).isEqualTo(401);
        assertThat(events(id)).hasSize(1);
    }
}
