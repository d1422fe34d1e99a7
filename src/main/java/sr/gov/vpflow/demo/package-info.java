/** Demonstration data: on request, an empty VP-Flow is filled with a realistic office and demo accounts. */
@ApplicationModule(
        allowedDependencies = {
            "appointments",
            "audit",
            "cases",
            "documents",
            "guests",
            "holidays",
            "platform",
            "platform :: db",
            "users"
        })
package sr.gov.vpflow.demo;

import org.springframework.modulith.ApplicationModule;
