package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sr.gov.vpflow.platform.Role;
import sr.gov.vpflow.support.Api;
import sr.gov.vpflow.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** The OpenAPI description says what it describes and how a client signs in. */
class OpenApiDescriptionIT extends IntegrationTest {

    @Test
    void theDescriptionNamesVpFlowItsVersionAndTheWaysToSignIn() {
        Api.Response doc = api.get("/api/v1/openapi", accounts.create(Role.SECRETARY));
        assertThat(doc.status()).isEqualTo(200);
        JsonNode root = doc.json();
        assertThat(root.at("/info/title").asString()).isEqualTo("VP-Flow API");
        assertThat(root.at("/info/version").asString()).isNotEqualTo("v0").matches("\\d+\\.\\d+\\.\\d+.*");
        JsonNode schemes = root.at("/components/securitySchemes");
        assertThat(schemes.at("/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.at("/basic/scheme").asString()).isEqualTo("basic");
        assertThat(schemes.at("/session/in").asString()).isEqualTo("cookie");
        assertThat(schemes.at("/session/name").asString()).isEqualTo("VPFLOW_SESSION");
        assertThat(root.get("security")).hasSize(3);
    }
}
