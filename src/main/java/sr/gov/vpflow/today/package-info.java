/**
 * The start page (Vandaag): for each role what the day asks of it, each part a fragment that
 * loads on its own, read through the other modules' services (and so under their rules).
 */
@ApplicationModule(
        allowedDependencies = {
            "appointments",
            "audit",
            "cases",
            "documents",
            "governance",
            "guests",
            "holidays",
            "platform",
            "platform :: security",
            "platform :: web",
            "users"
        })
package sr.gov.vpflow.today;

import org.springframework.modulith.ApplicationModule;
