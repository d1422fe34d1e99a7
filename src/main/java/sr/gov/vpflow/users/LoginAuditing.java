package sr.gov.vpflow.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.transaction.support.TransactionTemplate;
import sr.gov.vpflow.audit.AuditEvent;
import sr.gov.vpflow.audit.AuditLog;
import sr.gov.vpflow.platform.Actor;
import sr.gov.vpflow.platform.ActorContext;
import sr.gov.vpflow.platform.security.CurrentUser;

/**
 * Audits sign-ins to the web pages and sign-outs. (A script's HTTP Basic request is not a
 * sign-in and is not audited when it succeeds; a refused one is, by the provider.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class LoginAuditing {

    private static final Logger log = LoggerFactory.getLogger(LoginAuditing.class);

    @Bean
    AuthenticationSuccessHandler loginSucceeded(AuditLog audit, TransactionTemplate tx) {
        SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();
        redirect.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            record(audit, tx, authentication, "login_succeeded");
            redirect.onAuthenticationSuccess(request, response, authentication);
        };
    }

    @Bean
    LogoutHandler logoutAudit(AuditLog audit, TransactionTemplate tx) {
        return (request, response, authentication) -> {
            if (authentication != null) {
                record(audit, tx, authentication, "logout");
            }
        };
    }

    private static void record(AuditLog audit, TransactionTemplate tx, Authentication authentication, String event) {
        if (authentication.getPrincipal() instanceof CurrentUser user) {
            ActorContext.runAs(
                    Actor.user(user.id(), user.role(), "web"),
                    () -> tx.executeWithoutResult(s -> audit.record(AuditEvent.of(event, "user", user.id()))));
            log.info("{} for user {}", event.replace('_', ' '), user.id());
        }
    }
}
