/**
 * One search box for the office: guests, appointments, cases and documents (their words, v1.3),
 * each found through its own module's service and so under its rules and the database's
 * row-level security.
 */
@ApplicationModule(
        allowedDependencies = {
            "appointments",
            "cases",
            "documents",
            "guests",
            "platform",
            "platform :: security",
            "platform :: web"
        })
package sr.gov.vpflow.search;

import org.springframework.modulith.ApplicationModule;
