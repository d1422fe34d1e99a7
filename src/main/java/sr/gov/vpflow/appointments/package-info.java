/** The Vice President's agenda: booking, moving and following appointments, and the calendar feed. */
@ApplicationModule(
        allowedDependencies = {"audit", "guests", "holidays", "platform", "platform :: db", "platform :: web"})
package sr.gov.vpflow.appointments;

import org.springframework.modulith.ApplicationModule;
