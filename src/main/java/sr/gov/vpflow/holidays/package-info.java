/**
 * The office's calendar: the public holidays the administrator keeps (v1.2) and the working days
 * that due dates count in (Monday to Friday, holidays skipped).
 */
@ApplicationModule(allowedDependencies = {"audit", "platform", "platform :: security", "platform :: web"})
package sr.gov.vpflow.holidays;

import org.springframework.modulith.ApplicationModule;
