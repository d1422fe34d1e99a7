package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import sr.gov.vpflow.appointments.Slots.Slot;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;

class AgendaFeedIT extends IntegrationTest {

    @Test
    void theVpSubscribesToTheAgendaWithHttpBasic() throws Exception {
        Account secretary = accounts.create(Role.SECRETARY);
        Account vp = accounts.create(Role.VP);
        String name = "Mevr. Ëlla Sewdien-Ramkhelawan " + UUID.randomUUID();
        UUID guest = UUID.fromString(api.post(
                        "/api/v1/guests",
                        secretary,
                        Map.of("full_name", name, "organisation", "Stichting; Lange, Naam"))
                .json()
                .get("id")
                .asString());
        Slot slot = Slots.future();
        Map<String, Object> booking = AppointmentApiIT.booking(guest, slot.start(), slot.end());
        String subject = "Overleg over de begroting, de wegen; en de scholen in het binnenland " + UUID.randomUUID();
        booking.put("subject", subject);
        booking.put("location", "Kabinet van de Vicepresident, Dr. S. Redmondstraat");
        UUID booked = UUID.fromString(api.post("/api/v1/appointments", secretary, booking)
                .json()
                .get("id")
                .asString());
        Slot later = Slots.future();
        UUID cancelled = UUID.fromString(
                api.post("/api/v1/appointments", secretary, AppointmentApiIT.booking(guest, later.start(), later.end()))
                        .json()
                        .get("id")
                        .asString());
        api.post("/api/v1/appointments/" + cancelled + "/cancel", secretary, Map.of("reason", "afgezegd"));

        Response feed = api.basic("/api/v1/agenda.ics", vp.username(), vp.password());
        assertThat(feed.status()).as(feed.toString()).isEqualTo(200);
        assertThat(feed.header("Content-Type")).startsWith("text/calendar").contains("UTF-8");
        String text = feed.body();
        assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (String line : text.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(text).contains("METHOD:PUBLISH\r\n").contains("VERSION:2.0\r\n");

        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        VEvent event = event(calendar, booked);
        assertThat(event.getSummary().getValue()).isEqualTo(subject + " (" + name + ")");
        assertThat(event.getLocation().getValue()).isEqualTo("Kabinet van de Vicepresident, Dr. S. Redmondstraat");
        assertThat(event.getDescription().getValue()).contains("Stichting; Lange, Naam");
        assertThat(event.getProperty("STATUS").orElseThrow().getValue()).isEqualTo("CONFIRMED");
        assertThat(event.getProperty("DTSTART").orElseThrow().getValue())
                .isEqualTo(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .format(slot.start().toInstant().atOffset(java.time.ZoneOffset.UTC)));
        assertThat(event(calendar, cancelled)
                        .getProperty("STATUS")
                        .orElseThrow()
                        .getValue())
                .isEqualTo("CANCELLED");
        assertThat(event(calendar, cancelled)
                        .getProperty("SEQUENCE")
                        .orElseThrow()
                        .getValue())
                .isEqualTo("1");

        assertThat(api.basic("/api/v1/agenda.ics", secretary.username(), secretary.password())
                        .status())
                .isEqualTo(200);
        Account admin = accounts.create(Role.ADMIN);
        assertThat(api.basic("/api/v1/agenda.ics", admin.username(), admin.password())
                        .status())
                .isEqualTo(403);
        Response anonymous = api.get("/api/v1/agenda.ics");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers("WWW-Authenticate"))
                .anySatisfy(h -> assertThat(h).startsWith("Basic"));
    }

    private static VEvent event(Calendar calendar, UUID appointment) {
        return calendar.<VEvent>getComponents("VEVENT").stream()
                .filter(e -> e.getUid().orElseThrow().getValue().equals(appointment + "@vpflow"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no event for " + appointment));
    }
}
