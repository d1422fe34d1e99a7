package sr.gov.vpflow.users;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import sr.gov.vpflow.platform.VpFlowProperties;

@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

    /** bcrypt, adaptive; the {id} prefix lets a stronger scheme take over without resetting anyone. */
    @Bean
    PasswordEncoder passwordEncoder(VpFlowProperties properties) {
        return new DelegatingPasswordEncoder(
                "bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(properties.login().bcryptStrength())));
    }
}
