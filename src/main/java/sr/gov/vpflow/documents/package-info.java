/**
 * Documents: immutable records whose content lives in a content-addressed document store, linked
 * to guests, appointments and cases, viewed and downloaded with every access audited.
 */
@ApplicationModule(
        allowedDependencies = {"audit", "platform", "platform :: db", "platform :: web", "platform :: storage"})
package sr.gov.vpflow.documents;

import org.springframework.modulith.ApplicationModule;
