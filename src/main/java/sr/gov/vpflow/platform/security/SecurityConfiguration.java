package sr.gov.vpflow.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import sr.gov.vpflow.platform.db.Identities;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who a request is, proved to the database: a personal access token ({@code Bearer}), a password
 * for one request ({@code Basic}), a calendar feed's private address, or the web session's cookie,
 * which is itself a database token. No session is kept on the server. A request authenticated by
 * its cookie always needs the CSRF token; one that names its credentials in {@code Authorization}
 * is judged by them alone. Which rows a user sees is decided by the database; these rules only
 * turn away what a role may never reach, early and with the right status.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@ConditionalOnWebApplication
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'";
    /** No page of VP-Flow uses these; passkeys are asked for by this site only. */
    static final String PERMISSIONS =
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()," + " publickey-credentials-get=(self)";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /**
     * No observation around each of the filters: with nothing that exports them, they cost an
     * eighth of an API read's server time (benchmark/throughput).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemResponses problemResponses(JsonMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    SessionTokenRepository sessionTokenRepository(Identities identities) {
        return new SessionTokenRepository(identities);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            ProblemResponses problems,
            SessionTokenRepository sessions,
            Identities identities,
            SignInThrottle throttle)
            throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/feeds/*/agenda.ics")
                        .hasRole("FEED")
                        .requestMatchers("/api/v1/activations/*")
                        .permitAll()
                        .requestMatchers("/api/v1/users/**", "/api/v1/system")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/v1/audit/verify", "/api/v1/account-requests/**")
                        .hasAnyRole("VP", "ADMIN")
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(
                        new RequestCredentialsFilter(identities, problems, throttle),
                        AnonymousAuthenticationFilter.class)
                .csrf(csrf -> csrf.csrfTokenRepository(new SessionBoundCsrfTokens())
                        .requireCsrfProtectionMatcher(byCookie())
                        // an activation link is its own proof and uses no cookie: nothing
                        // a forged request could ride on
                        .ignoringRequestMatchers("/api/v1/activations/*"))
                .securityContext(context -> context.securityContextRepository(sessions))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // an API request signs nobody out, is never replayed after a sign-in, and needs no
                // servlet view of the user: fewer filters on every call
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .servletApi(servlet -> servlet.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(
            HttpSecurity http, SessionTokenRepository sessions, Identities identities, SignInThrottle throttle)
            throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login",
                                "/login/second-factor",
                                "/login/second-factor/**",
                                "/activate/*",
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/favicon.ico",
                                "/error",
                                "/actuator/health",
                                "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                // the sign-in form's manager alone, without the global one as its parent (which would
                // ask the same provider again after a refusal: two hashes, two counted failures)
                .authenticationManager(new ProviderManager(new PasswordSignIn(identities, throttle)))
                .formLogin(form -> form.loginPage("/login")
                        .failureHandler((request, response, failure) -> {
                            if (failure instanceof SecondFactorRequired waiting) {
                                SecondFactorPageController.hold(request, response, waiting.waiting());
                                response.sendRedirect(request.getContextPath() + "/login/second-factor");
                            } else if (failure instanceof SignInThrottled throttled) {
                                throttledPage(response, throttled.retryAfterSeconds());
                            } else {
                                response.sendRedirect(request.getContextPath() + "/login?error");
                            }
                        })
                        .permitAll())
                .logout(logout ->
                        logout.addLogoutHandler(endSession(identities)).logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.csrfTokenRepository(new SessionBoundCsrfTokens()))
                .securityContext(context -> context.securityContextRepository(sessions))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.requestCache(new CookieRequestCache()))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    /** The sign-in form's answer to an address that failed too often: 429, not checked, no hashing. */
    private static void throttledPage(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream()
                .write(("<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>VP-Flow</title>"
                                + "<link rel=\"stylesheet\" href=\"/css/vpflow.css\"></head><body><main class=\"narrow\">"
                                + "<h1>VP-Flow</h1><p id=\"throttled\">Te veel mislukte aanmeldingen vanaf dit adres."
                                + " Probeer het over " + retryAfterSeconds + " seconden opnieuw.</p>"
                                + "<p lang=\"en\">Too many failed sign-ins from this address. Try again in "
                                + retryAfterSeconds + " seconds.</p><p><a href=\"/login\">Aanmelden / Sign in</a></p>"
                                + "</main></body></html>")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** What the browser is told to hold every response to, the API's as the pages'. */
    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .crossOriginOpenerPolicy(
                        c -> c.policy(CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy.SAME_ORIGIN))
                .permissionsPolicyHeader(p -> p.policy(PERMISSIONS));
    }

    /** Signing out ends the session in the database (audited there) and removes its cookie. */
    private static LogoutHandler endSession(Identities identities) {
        return (request, response, authentication) -> {
            if (authentication instanceof TokenAuthentication signedIn) {
                identities.end(signedIn.token());
                log.info("user {} signed out", signedIn.user().id());
            }
            SessionCookie.clear(request, response);
        };
    }

    /** A request that changes something and carries no Authorization header is authenticated by its cookie, if at all. */
    private static RequestMatcher byCookie() {
        return (HttpServletRequest request) ->
                !SAFE_METHODS.contains(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
    }
}
