/** Accounts and roles: creating and disabling users, passwords, login checking and throttling. */
@ApplicationModule(
        allowedDependencies = {"audit", "platform", "platform :: db", "platform :: security", "platform :: web"})
package sr.gov.vpflow.users;

import org.springframework.modulith.ApplicationModule;
