/** Governed migration plans (v1.1-A), restore points and the validation checklist of the migration plan. */
@ApplicationModule(
        allowedDependencies = {"audit", "platform", "platform :: db", "platform :: security", "platform :: web"})
package sr.gov.vpflow.governance;

import org.springframework.modulith.ApplicationModule;
