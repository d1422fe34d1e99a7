package sr.gov.vpflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MailSettingsTest {

    private static MailSettings settings(String host, String from, String tls) {
        return new MailSettings(host, null, from, null, null, tls, null, null, null, null, null);
    }

    @Test
    void mailIsOffUntilAHostIsSetAndThenNeedsTheSendersAddress() {
        assertThat(settings("", "", null).enabled()).isFalse();
        assertThat(settings(null, null, null).enabled()).isFalse();
        MailSettings on = settings("smtp.gov.sr", "vp-flow@kabinet.gov.sr", null);
        assertThat(on.enabled()).isTrue();
        assertThat(on.port()).isEqualTo(587);
        assertThat(on.tls()).isEqualTo("starttls");
        assertThatThrownBy(() -> settings("smtp.gov.sr", "", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VPFLOW_MAIL_FROM");
        assertThatThrownBy(() -> settings("smtp.gov.sr", "vp-flow@kabinet.gov.sr", "sometimes"))
                .hasMessageContaining("VPFLOW_MAIL_TLS");
    }

    @Test
    void theWaitDoublesAfterEachFailedAttemptUpToADay() {
        MailSettings s = settings("smtp.gov.sr", "vp-flow@kabinet.gov.sr", null);
        assertThat(s.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.backoff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(s.backoff(30)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void thePasswordIsNeverPrinted() {
        MailSettings s =
                new MailSettings("smtp.gov.sr", 587, "a@b.sr", "user", "geheim", null, null, null, null, null, null);
        assertThat(s.toString()).doesNotContain("geheim").contains("(hidden)");
    }

    @Test
    void anAddressIsMaskedToItsFirstLetterAndDomainAlsoInErrors() {
        assertThat(Addresses.mask("jan.jansen@example.sr")).isEqualTo("j***@example.sr");
        assertThat(Addresses.mask("geen-adres")).isEqualTo("***");
        assertThat(Addresses.withoutAddress("550 jan.jansen@example.sr unknown", "jan.jansen@example.sr"))
                .isEqualTo("550 j***@example.sr unknown");
    }
}
