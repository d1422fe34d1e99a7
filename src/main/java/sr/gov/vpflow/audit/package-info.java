/** The append-only, hash-chained audit log: recording events, querying them, verifying the chain. */
@ApplicationModule(allowedDependencies = {"platform", "platform :: db", "platform :: security", "platform :: web"})
package sr.gov.vpflow.audit;

import org.springframework.modulith.ApplicationModule;
