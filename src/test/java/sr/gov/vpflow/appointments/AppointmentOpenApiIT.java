package sr.gov.vpflow.appointments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api.Response;
import sr.gov.vpflow.support.IntegrationTest;
import sr.gov.vpflow.support.TestAccounts.Account;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description names the guest and appointment endpoints with the field names clients send. */
class AppointmentOpenApiIT extends IntegrationTest {

    @Test
    void theEndpointsAndTheirFieldsAreDescribed() {
        Account vp = accounts.create(Role.VP);
        Response doc = api.get("/api/v1/openapi", vp);
        assertThat(doc.status()).isEqualTo(200);
        JsonNode paths = doc.json().get("paths");
        assertThat(paths.propertyNames())
                .contains(
                        "/api/v1/guests",
                        "/api/v1/guests/{id}",
                        "/api/v1/guests/{id}/archive",
                        "/api/v1/appointments",
                        "/api/v1/appointments/{id}",
                        "/api/v1/appointments/{id}/reschedule",
                        "/api/v1/appointments/{id}/check-in",
                        "/api/v1/appointments/{id}/complete",
                        "/api/v1/appointments/{id}/no-show",
                        "/api/v1/appointments/{id}/cancel",
                        "/api/v1/agenda.ics");
        assertThat(paths.get("/api/v1/appointments/{id}").has("patch")).isTrue();
        JsonNode schemas = doc.json().get("components").get("schemas");
        assertThat(schemas.get("BookAppointment").get("properties").propertyNames())
                .contains("guest_id", "starts_at", "ends_at", "subject", "status");
        assertThat(schemas.get("EditAppointment").get("properties").propertyNames())
                .contains("version")
                .doesNotContain("starts_at");
        assertThat(schemas.get("GuestView").get("properties").propertyNames())
                .contains("full_name", "archived_at", "version")
                .doesNotContain("archived", "fullName");
    }

    @Test
    void theBrowsableDescriptionAndItsScriptsAreServed() {
        Account secretary = accounts.create(Role.SECRETARY);
        Response docs = api.get("/api/v1/docs", secretary);
        assertThat(docs.status()).as(docs.toString()).isEqualTo(302);
        String page = docs.header("Location");
        assertThat(page).contains("/api/v1/swagger-ui/index.html");
        Response index = api.get(page.substring(page.indexOf("/api/v1/")), secretary);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("swagger-ui-bundle.js");
        Response bundle = api.get("/api/v1/swagger-ui/swagger-ui-bundle.js", secretary);
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("Content-Type")).contains("javascript");
    }
}
