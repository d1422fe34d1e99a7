/** The subcommands of the jar: serve, user management, audit verification and the governed migration. */
@ApplicationModule(
        allowedDependencies = {"audit", "backup", "documents", "governance", "platform", "platform :: db", "users"})
package sr.gov.vpflow.cli;

import org.springframework.modulith.ApplicationModule;
