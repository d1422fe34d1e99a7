/** The people who come to see the Vice President: registering, editing, finding and archiving guests. */
@ApplicationModule(allowedDependencies = {"audit", "platform", "platform :: web"})
package sr.gov.vpflow.guests;

import org.springframework.modulith.ApplicationModule;
