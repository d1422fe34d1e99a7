package sr.gov.vpflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.appointments.Slots;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.PageSession;
import sr.gov.vpflow.support.TestAccounts.Account;

/** Without VPFLOW_MAIL_HOST mail is off: nothing is queued, and asking to notify a guest is refused. */
class MailOffIT extends IntegrationTest {

    @Test
    void aTickedConfirmationIsRefusedWhileMailIsOffAndTheBookingIsNotMade() {
        Account secretary = accounts.create(Role.SECRETARY);
        Account admin = accounts.create(Role.ADMIN);
        Response guest = api.post(
                "/api/v1/guests",
                secretary,
                Map.of("full_name", "Gast " + UUID.randomUUID().toString().substring(0, 8), "email", "g@example.sr"));
        UUID guestId = UUID.fromString(guest.json().get("id").asString());
        Slots.Slot slot = Slots.future();
        Response refused = api.post(
                "/api/v1/appointments",
                secretary,
                Map.of(
                        "guest_id",
                        guestId,
                        "subject",
                        "Kennismaking",
                        "starts_at",
                        slot.start().toString(),
                        "ends_at",
                        slot.end().toString(),
                        "notify_guest",
                        true));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("mail_off");
        assertThat(owner().sql("SELECT count(*) FROM appointments WHERE guest_id = :g")
                        .param("g", guestId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(owner().sql("SELECT count(*) FROM mail_outbox WHERE recipient = 'g@example.sr'")
                        .query(Long.class)
                        .single())
                .isZero();

        // the page says why, in the user's language; the administrator's page says mail is off
        Response page = PageSession.signIn(api.base(), admin).get("/mail");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("VPFLOW_MAIL_HOST");
        assertThat(PageSession.signIn(api.base(), secretary).get("/mail").status())
                .isEqualTo(403);
    }
}
