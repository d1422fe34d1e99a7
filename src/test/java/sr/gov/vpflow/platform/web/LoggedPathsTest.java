package sr.gov.vpflow.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedPathsTest {

    @Test
    void theSecretsInAddressesNeverReachTheLog() {
        assertThat(LoggedPaths.of("/activate/vpfl_abcDEF-123_x")).isEqualTo("/activate/***");
        assertThat(LoggedPaths.of("/api/v1/activations/vpfl_abc")).isEqualTo("/api/v1/activations/***");
        assertThat(LoggedPaths.of("/api/v1/feeds/vpff_abc/agenda.ics")).isEqualTo("/api/v1/feeds/***/agenda.ics");
        assertThat(LoggedPaths.of("/api/v1/guests/6f1c")).isEqualTo("/api/v1/guests/6f1c");
    }
}
