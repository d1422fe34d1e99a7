/**
 * Mail through a transactional outbox: guests' confirmations with calendar invitations, the Vice
 * President's morning digest and the secretaries' reminders of due cases, queued with the change
 * that causes them and sent once over SMTP, whatever the number of servers.
 */
@ApplicationModule(
        allowedDependencies = {
            "appointments",
            "audit",
            "cases",
            "guests",
            "holidays",
            "platform",
            "platform :: db",
            "platform :: security",
            "platform :: web"
        })
package sr.gov.vpflow.mail;

import org.springframework.modulith.ApplicationModule;
